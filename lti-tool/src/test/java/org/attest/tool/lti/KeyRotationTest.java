package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rotating the tool's signing key must not break anything in flight: the replaced key stays
 * published for the grace period so what it signed still verifies, the next key is published ahead,
 * and launches carry on; a platform's own key rotation is picked up by refetching its keys.
 */
class KeyRotationTest extends IntegrationTest {

    /** A clock the test can move forward; the rest of the tool sees it as the one Clock. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the tool works in UTC");
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private static final Pattern UNIT = Pattern.compile("name=\"unit\"[^>]*value=\"([^\"]+:224)\"");
    private static final Pattern RETURN_FORM = Pattern.compile("action=\"([^\"]+)\".*name=\"JWT\" value=\"([^\"]+)\"", Pattern.DOTALL);

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    @Autowired
    MovableClock clock;

    @Autowired
    PlatformRegistry registry;

    @Autowired
    JdbcClient jdbc;

    TestPlatform moodle;

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
    }

    @AfterEach
    void stopPlatformAndResetClock() {
        clock.reset();
        moodle.close();
    }

    @Test
    void jwksKeepsTheReplacedKeyForTheGracePeriodAndPublishesTheNewCurrentAndNext() throws Exception {
        Set<String> before = publishedKids();
        String oldCurrent = toolKeys.current().getKeyID();
        String oldNext = keyWithStatus("NEXT");
        assertThat(before).contains(oldCurrent, oldNext);

        toolKeys.rotate();

        String newNext = keyWithStatus("NEXT");
        assertThat(toolKeys.current().getKeyID()).as("the published next key signs now").isEqualTo(oldNext);
        assertThat(newNext).isNotIn(oldCurrent, oldNext);
        Set<String> expected = new HashSet<>(before);
        expected.add(newNext);
        assertThat(publishedKids()).as("nothing withdrawn, the new next key added").isEqualTo(expected);
        assertThat(keyWithStatus("RETIRING", oldCurrent)).isEqualTo(oldCurrent);

        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertThat(publishedKids()).as("after the 24 h grace period").doesNotContain(oldCurrent).contains(oldNext, newNext);
    }

    @Test
    void deepLinkingResponseSignedBeforeRotationStillVerifiesAndOneSignedAfterUsesTheNewKey() throws Exception {
        String pages = deepLinkingLaunch();
        SignedJWT signedBefore = SignedJWT.parse(deepLinkingResponse(pages));
        String oldCurrent = toolKeys.current().getKeyID();
        assertThat(signedBefore.getHeader().getKeyID()).isEqualTo(oldCurrent);

        toolKeys.rotate();
        SignedJWT signedAfter = SignedJWT.parse(deepLinkingResponse(pages));

        JWKSet published = JWKSet.parse(TestPlatform.getPage(baseUrl() + "/.well-known/jwks.json").body());
        assertThat(verifies(signedBefore, published)).as("signed before rotation, verified with the published JWKS").isTrue();
        assertThat(signedAfter.getHeader().getKeyID()).isEqualTo(toolKeys.current().getKeyID()).isNotEqualTo(oldCurrent);
        assertThat(verifies(signedAfter, published)).as("signed after rotation, verified with the published JWKS").isTrue();
        assertThat(signedAfter.getJWTClaimsSet().getClaim(LaunchClaims.LTI + "message_type")).isEqualTo("LtiDeepLinkingResponse");
    }

    @Test
    void platformLaunchStartedBeforeRotationFinishesAfterIt() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());

        toolKeys.rotate();
        HttpResponse<String> launch = moodle.launch(baseUrl(), idToken, auth.state());

        assertThat(launch.statusCode()).isEqualTo(302);
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + launch.headers().firstValue("Location").orElseThrow());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sam Student", "LEARNER");
        assertThat(moodle.fullLaunch(baseUrl()).statusCode()).as("and a launch begun after rotation").isEqualTo(302);
    }

    @Test
    void platformKeyRotationIsPickedUpByRefetchingItsKeysForTheNewKid() throws Exception {
        assertThat(moodle.fullLaunch(baseUrl()).statusCode()).isEqualTo(302);
        RSAKey rotated = TestPlatform.newKey();
        moodle.publish(new JWKSet(List.<JWK>of(moodle.key.toPublicJWK(), rotated.toPublicJWK())));
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        JWTClaimsSet claims = moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build();

        HttpResponse<String> launch = moodle.launch(baseUrl(), TestPlatform.sign(claims, rotated, JWSAlgorithm.RS256), auth.state());

        assertThat(launch.statusCode()).as("page: %s", launch.body()).isEqualTo(302);
    }

    private Set<String> publishedKids() throws Exception {
        HttpResponse<String> jwks = TestPlatform.getPage(baseUrl() + "/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.body());
        assertThat(keys.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).as("only public keys are published").isFalse());
        return keys.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private String keyWithStatus(String status) {
        return jdbc.sql("SELECT kid FROM tool_key WHERE owner = 'TOOL' AND status = ?").param(status).query(String.class).single();
    }

    private String keyWithStatus(String status, String kid) {
        return jdbc.sql("SELECT kid FROM tool_key WHERE owner = 'TOOL' AND status = ? AND kid = ?").params(status, kid)
                .query(String.class).single();
    }

    private static boolean verifies(SignedJWT jwt, JWKSet published) throws Exception {
        JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("kid %s published", jwt.getHeader().getKeyID()).isNotNull();
        return jwt.verify(new RSASSAVerifier((RSAKey) key));
    }

    /** An instructor's deep-linking launch; returns the base path of its pages. */
    private String deepLinkingLaunch() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.deepLinkingClaims(baseUrl(), auth.nonce()).build());
        HttpResponse<String> launch = moodle.launch(baseUrl(), idToken, auth.state());
        assertThat(launch.statusCode()).isEqualTo(302);
        return launch.headers().firstValue("Location").orElseThrow();
    }

    /** Picks Unit 224 on the deep-linking page and returns the signed response the tool posts back. */
    private String deepLinkingResponse(String pages) throws Exception {
        Matcher unit = UNIT.matcher(TestPlatform.getPage(baseUrl() + pages).body());
        assertThat(unit.find()).isTrue();
        HttpResponse<String> response = TestPlatform.post(baseUrl() + pages + "deep-linking", Map.of("unit", unit.group(1)));
        Matcher form = RETURN_FORM.matcher(response.body());
        assertThat(form.find()).as("return form: %s", response.body()).isTrue();
        return form.group(2);
    }
}
