package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attest.sandbox.SandboxApplication;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The egress policy as configured out of the box (private networks refused) in the running tool:
 * the in-process sandbox on localhost stays reachable, nothing else on loopback is, and neither
 * Dynamic Registration nor a platform's JWKS URL reaches a loopback listener.
 */
@SpringBootTest(classes = SandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox",
        "attest.platform-http.allow-private-networks=false"})
class EgressWithSandboxTest extends IntegrationTest {

    @Autowired PlatformHttp http;
    @Autowired PlatformKeySources keySources;
    @Autowired PlatformRegistry registry;

    private final WireMockServer listener = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        listener.start();
        listener.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"keys\": []}")));
    }

    @AfterEach
    void stop() {
        listener.stop();
    }

    private String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    @Test
    void theSandboxOnLocalhostIsExempt() throws Exception {
        PlatformHttp.Response configuration = http.getJson(sandbox() + "/.well-known/openid-configuration", null);

        assertThat(configuration.status()).isEqualTo(200);
        assertThat(configuration.body()).contains("\"issuer\"");
        // the sandbox registered itself on start: Attest fetched its configuration and posted to it under the policy
        assertThat(registry.all()).anyMatch(p -> p.issuer().equals(sandbox()) && p.enabled());
    }

    @Test
    void attestsOwnPagesBesideTheSandboxAreNotExempt() {
        for (String url : List.of("http://localhost:" + port + "/.well-known/jwks.json", "http://127.0.0.1:" + port + "/sandbox/jwks",
                sandbox() + "/../.well-known/jwks.json", sandbox() + "/%2e%2e/.well-known/jwks.json", "http://localhost:" + port + "/sandboxes")) {
            PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class, () -> http.getJson(url, null), url);
            assertThat(refused.getMessage()).contains("attest.platform-http.allow-private-networks=true");
        }
    }

    @Test
    void aPlatformsKeysOnLoopbackAreNotFetched() {
        String lms = "http://127.0.0.1:" + listener.port();
        Platform platform = registry.register(new PlatformRegistry.Registration(lms + "/moodle", "client-egress", "Loopback Moodle",
                lms + "/moodle/auth", lms + "/moodle/token", lms + "/moodle/certs", "moodle", Platform.RegisteredBy.MANUAL, List.of("1")));

        KeySourceException failed = assertThrows(KeySourceException.class,
                () -> keySources.forPlatform(platform).get(new JWKSelector(new JWKMatcher.Builder().build()), null));

        assertThat(failed).hasStackTraceContaining("allow-private-networks");
        assertThat(listener.getAllServeEvents()).isEmpty();
    }

    @Test
    void dynamicRegistrationDoesNotFetchAConfigurationOnLoopback() throws Exception {
        String configuration = "http://127.0.0.1:" + listener.port() + "/.well-known/openid-configuration";

        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + "/lti/register?openid_configuration="
                + URLEncoder.encode(configuration, StandardCharsets.UTF_8) + "&registration_token=stolen");

        assertThat(page.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(listener.getAllServeEvents()).isEmpty();
    }
}
