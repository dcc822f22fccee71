package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With registration closed (the default), only one-time registration URLs work, once each. */
class ClosedRegistrationTest extends IntegrationTest {

    @Autowired
    OneTimeTokens oneTimeTokens;

    @Autowired
    PlatformRegistry registry;

    @Test
    void openUrlIsRefusedAndAOneTimeUrlWorksOnce() throws Exception {
        try (TestPlatform platform = TestPlatform.start()) {
            String config = "http://127.0.0.1:" + platform.server.port() + "/moodle/config";
            platform.server.stubFor(get(urlPathEqualTo("/moodle/config")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"issuer": "%s", "authorization_endpoint": "%s", "jwks_uri": "%s", "registration_endpoint": "%s/register"}
                            """.formatted(platform.issuer, platform.authUrl(), platform.jwksUrl(), platform.issuer))));
            platform.server.stubFor(post(urlPathEqualTo("/moodle/register")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"client_id": "%s", "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "7"}}
                            """.formatted(platform.clientId))));
            String query = "?openid_configuration=" + URLEncoder.encode(config, StandardCharsets.UTF_8) + "&registration_token=t";

            // Test classes share the application's database, and a WireMock port (so an issuer) can come round again.
            List<Platform> before = registry.findByIssuer(platform.issuer);
            HttpResponse<String> open = TestPlatform.getPage(baseUrl() + "/lti/register" + query);
            assertThat(open.statusCode()).isEqualTo(403);
            assertThat(open.body()).contains("needs a one-time registration URL");
            assertThat(registry.findByIssuer(platform.issuer)).as("nothing registered").isEqualTo(before);

            String oneTime = oneTimeTokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));
            assertThat(TestPlatform.getPage(baseUrl() + "/lti/register/" + oneTime + query).statusCode()).isEqualTo(200);
            assertThat(registry.find(platform.issuer, platform.clientId)).isPresent();

            HttpResponse<String> again = TestPlatform.getPage(baseUrl() + "/lti/register/" + oneTime + query);
            assertThat(again.statusCode()).isEqualTo(403);
            assertThat(again.body()).contains("unknown, expired or used already");
        }
    }
}
