package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nothing a launch does with a platform's keys depends on the launch: the JWKS is fetched once per key rotation, and
 * each key is turned into a verifier once, however many launches it signs.
 */
class PlatformKeysPerRotationTest extends IntegrationTest {

    private static final int LAUNCHES = 50;

    @Autowired
    PlatformRegistry registry;

    @Autowired
    PlatformKeySources keySources;

    TestPlatform moodle;

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void fetchesKeysAndBuildsTheKeysVerifierOnceAcrossLaunchesAndOnceMoreAfterTheKeyIsRotated() throws Exception {
        long builtBefore = keySources.verifiersBuilt();

        for (int i = 0; i < LAUNCHES; i++) {
            assertThat(moodle.fullLaunch(baseUrl()).statusCode()).isEqualTo(302);
        }

        assertThat(jwksFetches()).as("JWKS requests across %d launches", LAUNCHES).isEqualTo(1);
        assertThat(keySources.verifiersBuilt() - builtBefore).as("verifiers built across %d launches", LAUNCHES).isEqualTo(1);

        RSAKey rotated = TestPlatform.newKey();
        moodle.publish(new JWKSet(List.<JWK>of(moodle.key.toPublicJWK(), rotated.toPublicJWK())));
        for (int i = 0; i < LAUNCHES; i++) {
            TestPlatform.AuthRequest auth = moodle.login(baseUrl());
            String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), rotated, JWSAlgorithm.RS256);
            HttpResponse<String> launch = moodle.launch(baseUrl(), idToken, auth.state());
            assertThat(launch.statusCode()).as("page: %s", launch.body()).isEqualTo(302);
        }

        assertThat(jwksFetches()).as("JWKS requests after the platform rotated its key").isEqualTo(2);
        assertThat(keySources.verifiersBuilt() - builtBefore).as("verifiers built after the rotation").isEqualTo(2);
    }

    private int jwksFetches() {
        return moodle.server.findAll(getRequestedFor(urlPathEqualTo(URI.create(moodle.jwksUrl()).getPath()))).size();
    }
}
