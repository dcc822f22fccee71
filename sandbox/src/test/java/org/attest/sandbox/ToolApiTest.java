package org.attest.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** What the sandbox asks of Attest's token API, against a stand-in for Attest. */
class ToolApiTest {

    private final WireMockServer attest = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private ToolApi api;

    @BeforeEach
    void start() {
        attest.start();
        SandboxProperties properties = new SandboxProperties(URI.create("http://localhost:8080/sandbox"),
                URI.create("http://127.0.0.1:" + attest.port()), SandboxLms.MOODLE, SandboxProperties.DEFAULT_DATABASE);
        api = new ToolApi(properties, new MockEnvironment().withProperty(SandboxEnvironment.TOKEN, SandboxEnvironment.newToken()));
    }

    @AfterEach
    void stop() {
        attest.stop();
    }

    @Test
    void findsTheSamplesFrameworkByItsIdAndOnlyWhenItIsToolWide() throws Exception {
        UUID sample = UUID.randomUUID();
        UUID centre = UUID.randomUUID();
        attest.stubFor(get("/admin/api/frameworks").willReturn(okJson("""
                [{"frameworkId": "%s", "title": "Customer Service", "platformId": null},
                 {"frameworkId": "%s", "title": "A centre's copy", "platformId": "%s"}]""".formatted(UUID.randomUUID(), sample, centre))));

        assertThat(api.listsToolWideFramework(sample)).as("the same id, but a centre's").isFalse();

        attest.stubFor(get("/admin/api/frameworks").willReturn(okJson("""
                [{"frameworkId": "%s", "title": "Another title", "platformId": null}]""".formatted(sample))));

        assertThat(api.listsToolWideFramework(sample)).as("tool-wide, whatever its title").isTrue();
    }

    @Test
    void asksForARegistrationUrlWithTheConfigurationUrlFormEncodedAndTheToken() throws Exception {
        String configuration = "http://localhost:8080/sandbox/.well-known/openid-configuration?a=1&b=2";
        attest.stubFor(post("/admin/api/registration-urls").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"url\": \"http://127.0.0.1:%d/lti/register/abc\"}".formatted(attest.port()))));

        assertThat(api.registrationUrl(configuration)).isEqualTo("http://127.0.0.1:" + attest.port() + "/lti/register/abc");
        attest.verify(postRequestedFor(urlEqualTo("/admin/api/registration-urls"))
                .withHeader("Authorization", matching("Bearer attest_.{43}"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("openid_configuration=" + URLEncoder.encode(configuration, StandardCharsets.UTF_8))));
    }

    @Test
    void saysWhatCouldNotBeReachedWhenAttestIsDown() {
        int port = attest.port();
        attest.stop();

        assertThatThrownBy(() -> api.open("http://127.0.0.1:" + port + "/lti/register/abc", "GET /lti/register/..."))
                .isInstanceOf(ToolApi.Failed.class)
                .hasMessageStartingWith("GET /lti/register/... at http://127.0.0.1:" + port + " could not be reached (");
    }
}
