package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * attest.platform-http.trusted-origins, with private networks refused: an LMS on this machine under a trusted prefix
 * is called, and nothing else on loopback is, not even on the same host and port beside the prefix.
 */
class TrustedOriginsTest {

    private final WireMockServer lms = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private PlatformHttp http;

    @BeforeEach
    void start() {
        lms.start();
        lms.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"keys\": []}")));
        TrustedOrigins trusted = new TrustedOrigins(List.of("http://localhost:" + lms.port() + "/lms/"));
        http = new PlatformHttp(PlatformHttpProperties.defaults(), trusted, null);
    }

    @AfterEach
    void stop() throws Exception {
        http.destroy();
        lms.stop();
    }

    @Test
    void anLmsOnThisMachineUnderATrustedPrefixIsCalled() throws Exception {
        PlatformHttp.Response answer = http.getJson("http://localhost:" + lms.port() + "/lms/.well-known/openid-configuration", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(lms.getAllServeEvents()).hasSize(1);
    }

    @Test
    void nothingBesideTheTrustedPrefixIsCalled() {
        String port = String.valueOf(lms.port());
        for (String url : List.of("http://localhost:" + port + "/other", "http://localhost:" + port + "/lmsx/keys",
                "http://127.0.0.1:" + port + "/lms/keys", "https://localhost:" + port + "/lms/keys",
                "http://localhost:" + port + "/lms/../other", "http://localhost:" + port + "/lms/%2e%2e/other")) {
            PlatformHttp.Refused refused = assertThrows(PlatformHttp.Refused.class, () -> http.getJson(url, null), url);
            assertThat(refused.getMessage()).contains("attest.platform-http.allow-private-networks=true");
        }
        assertThrows(PlatformHttp.Refused.class, () -> http.getJson("http://user@localhost:" + port + "/lms/keys", null));
        assertThat(lms.getAllServeEvents()).isEmpty();
    }

    @Test
    void aTrustedOriginThatIsNotAnHttpUrlStopsAttestWithTheSettingsName() {
        for (String bad : List.of("localhost:8080/lms", "ftp://localhost/lms", "http://user:pw@localhost/lms", "/lms")) {
            assertThatThrownBy(() -> new TrustedOrigins(List.of(bad)), bad)
                    .hasMessageContaining("attest.platform-http.trusted-origins takes absolute http(s) URLs");
        }
    }
}
