package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.lti.internal.ToolConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** LTI Dynamic Registration, tool side, against WireMock platforms shaped like Moodle 5.0 and Canvas. */
class DynamicRegistrationTest extends IntegrationTest {

    static final String TOKEN = "reg-token-123";

    @Autowired
    PlatformRegistry registry;

    @Autowired
    OneTimeTokens oneTimeTokens;

    TestPlatform platform;

    @BeforeEach
    void startPlatform() throws Exception {
        platform = TestPlatform.start();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    String configUrl() {
        return "http://127.0.0.1:" + platform.server.port() + "/moodle/mod/lti/openid-configuration.php";
    }

    String registrationUrl() {
        return "http://127.0.0.1:" + platform.server.port() + "/moodle/mod/lti/openid-registration.php";
    }

    /** Moodle 5.0 serves its configuration only to a request bearing the registration token. */
    void stubMoodle(String issuer, String scopes, String registrationResponse, int registrationStatus) {
        platform.server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/openid-configuration.php"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"issuer": "%s", "token_endpoint": "%s/mod/lti/token.php",
                         "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                         "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
                         "jwks_uri": "%s", "authorization_endpoint": "%s",
                         "registration_endpoint": "%s",
                         "scopes_supported": [%s],
                         "response_types_supported": ["id_token"], "subject_types_supported": ["public", "pairwise"],
                         "id_token_signing_alg_values_supported": ["RS256"],
                         "claims_supported": ["sub", "iss", "name", "given_name", "family_name", "email"],
                         "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                           "product_family_code": "moodle", "version": "5.0 (Build: 20250414)",
                           "messages_supported": [{"type": "LtiResourceLinkRequest"}, {"type": "LtiDeepLinkingRequest"}],
                           "variables": ["basic-lti-launch-request"]}}
                        """.formatted(issuer, platform.issuer, platform.jwksUrl(), platform.authUrl(), registrationUrl(), scopes))));
        platform.server.stubFor(post(urlPathEqualTo("/moodle/mod/lti/openid-registration.php"))
                .willReturn(aResponse().withStatus(registrationStatus).withHeader("Content-Type", "application/json")
                        .withBody(registrationResponse)));
    }

    String moodleRegistrationResponse() {
        return """
                {"client_id": "%s", "response_types": ["id_token"], "jwks_uri": "ignored",
                 "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "1", "domain": "127.0.0.1"}}
                """.formatted(platform.clientId);
    }

    /** A one-time registration URL, as the operator makes on the admin page (registration is closed by default). */
    String oneTimeUrl() {
        return "/lti/register/" + oneTimeTokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));
    }

    HttpResponse<String> startRegistration() throws Exception {
        return TestPlatform.getPage(baseUrl() + oneTimeUrl() + "?openid_configuration="
                + URLEncoder.encode(configUrl(), StandardCharsets.UTF_8) + "&registration_token=" + TOKEN);
    }

    static final String ALL_SCOPES = """
            "https://purl.imsglobal.org/spec/lti-bo/scope/basicoutcome",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
            "https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting",
            "openid"
            """;

    @Test
    void registersWithAMoodleShapedPlatformAndClosesTheWindow() throws Exception {
        stubMoodle(platform.issuer, ALL_SCOPES, moodleRegistrationResponse(), 200);

        HttpResponse<String> page = startRegistration();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Attest is registered", platform.clientId, "src=\"/js/registered.js\"", "Moodle at 127.0.0.1");
        assertThat(TestPlatform.getPage(baseUrl() + "/js/registered.js").body()).contains("org.imsglobal.lti.close");
        Platform registered = registry.find(platform.issuer, platform.clientId).orElseThrow();
        assertThat(registered.registeredBy()).isEqualTo(Platform.RegisteredBy.DYNAMIC);
        assertThat(registered.deployments()).extracting(Platform.Deployment::deploymentId).containsExactly("1");
        assertThat(registered.jwksUri()).isEqualTo(platform.jwksUrl());
        assertThat(registered.authorizationEndpoint()).isEqualTo(platform.authUrl());
        platform.server.verify(postRequestedFor(urlPathEqualTo("/moodle/mod/lti/openid-registration.php"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.initiate_login_uri", equalTo(baseUrl() + "/lti/login")))
                .withRequestBody(matchingJsonPath("$.redirect_uris[0]", equalTo(baseUrl() + "/lti/launch")))
                .withRequestBody(matchingJsonPath("$.jwks_uri", equalTo(baseUrl() + "/.well-known/jwks.json")))
                .withRequestBody(matchingJsonPath("$.token_endpoint_auth_method", equalTo("private_key_jwt")))
                .withRequestBody(matchingJsonPath("$['https://purl.imsglobal.org/spec/lti-tool-configuration'].messages[1].type",
                        equalTo("LtiDeepLinkingRequest")))
                .withRequestBody(matchingJsonPath("$.scope", equalTo(String.join(" ", ToolConfiguration.SCOPES)))));
    }

    @Test
    void aPlatformRegisteredDynamicallyCanLaunch() throws Exception {
        stubMoodle(platform.issuer, ALL_SCOPES, moodleRegistrationResponse(), 200);
        startRegistration();

        HttpResponse<String> launch = platform.fullLaunch(baseUrl());

        assertThat(launch.statusCode()).isEqualTo(302);
        assertThat(TestPlatform.getPage(baseUrl() + launch.headers().firstValue("Location").orElseThrow()).body()).contains("Sam Student");
    }

    @Test
    void asksACanvasShapedPlatformOnlyForTheScopesItSupportsWithCanvasExtensions() throws Exception {
        stubMoodle(platform.issuer, """
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                "https://canvas.instructure.com/lti/public_jwk/scope/update"
                """, """
                {"client_id": "%s", "application_type": "web",
                 "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "42:abc", "domain": "127.0.0.1",
                   "https://canvas.instructure.com/lti/privacy_level": "public"}}
                """.formatted(platform.clientId), 200);

        assertThat(startRegistration().statusCode()).isEqualTo(200);

        platform.server.verify(postRequestedFor(urlPathEqualTo("/moodle/mod/lti/openid-registration.php"))
                .withRequestBody(matchingJsonPath("$.scope", equalTo(
                        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/score")))
                .withRequestBody(matchingJsonPath(
                        "$['https://purl.imsglobal.org/spec/lti-tool-configuration']['https://canvas.instructure.com/lti/privacy_level']",
                        equalTo("public"))));
        assertThat(registry.find(platform.issuer, platform.clientId).orElseThrow().deployments())
                .extracting(Platform.Deployment::deploymentId).containsExactly("42:abc");
    }

    @Test
    void refusesAConfigurationWhoseIssuerIsAnotherSite() throws Exception {
        stubMoodle("https://moodle.other-college.ac.uk", ALL_SCOPES, moodleRegistrationResponse(), 200);

        HttpResponse<String> page = startRegistration();

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("names issuer https://moodle.other-college.ac.uk", "not the site it came from");
        assertThat(registry.findByIssuer("https://moodle.other-college.ac.uk")).isEmpty();
        platform.server.verify(0, postRequestedFor(urlPathEqualTo("/moodle/mod/lti/openid-registration.php")));
    }

    @Test
    void saysWhenTheRegistrationTokenIsRefused() throws Exception {
        stubMoodle(platform.issuer, ALL_SCOPES, moodleRegistrationResponse(), 200);
        // Test classes share the application's database, and a WireMock port (so an issuer) can come round again.
        List<Platform> before = registry.findByIssuer(platform.issuer);

        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + oneTimeUrl() + "?openid_configuration="
                + URLEncoder.encode(configUrl(), StandardCharsets.UTF_8) + "&registration_token=wrong");

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("Attest could not register", "Attest could not complete the registration with the platform (reference ")
                .doesNotContain("404");
        assertThat(registry.findByIssuer(platform.issuer)).as("nothing registered").isEqualTo(before);
    }

    @Test
    void reportsAPlatformThatRefusesTheRegistrationAndRegistersNothing() throws Exception {
        stubMoodle(platform.issuer, ALL_SCOPES, "{\"error\": \"invalid_client_metadata\"}", 400);
        List<Platform> before = registry.findByIssuer(platform.issuer);

        HttpResponse<String> page = startRegistration();

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("could not complete the registration with the platform (reference ")
                .doesNotContain("invalid_client_metadata", "HTTP 400");
        assertThat(registry.findByIssuer(platform.issuer)).as("nothing registered").isEqualTo(before);
    }

    @Test
    void reportsAnUnreachablePlatform() throws Exception {
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + oneTimeUrl() + "?openid_configuration="
                + URLEncoder.encode("http://127.0.0.1:1/openid-configuration", StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(502);
        assertThat(page.body()).contains("could not complete the registration with the platform (reference ")
                .doesNotContain("could not be reached", "ConnectException", "127.0.0.1:1");
    }

    @Test
    void needsTheOpenidConfigurationParameter() throws Exception {
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + oneTimeUrl());

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("no openid_configuration parameter");
    }
}
