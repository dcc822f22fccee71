package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox as a real LTI 1.3 platform, driven over HTTP as a browser would: it registers itself
 * with Attest through Dynamic Registration, launches learners and instructors through the full OIDC
 * flow, and takes activities back from deep linking.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxPlatformTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    PlatformRegistry platforms;

    @Autowired
    SandboxLinks links;

    @Autowired
    LineItems lineItems;

    @Autowired
    ToolRegistrations tools;

    @Autowired
    SelfRegistration selfRegistration;

    @Autowired
    RegistrationTokens registrationTokens;

    @Autowired
    FrameworkCatalog catalog;

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    @Test
    void registersItselfWithAttestThroughDynamicRegistrationOnStart() {
        List<Platform> registered = platforms.findByIssuer(sandbox());

        assertThat(registered).isNotEmpty();
        Platform platform = registered.get(0);
        assertThat(platform.hasDeployment("1")).isTrue();
        assertThat(platform.registeredBy()).isEqualTo(Platform.RegisteredBy.DYNAMIC);
        assertThat(platform.productFamily()).as("the sandbox plays Moodle by default").isEqualTo("moodle");
        assertThat(platform.authorizationEndpoint()).isEqualTo(sandbox() + "/auth");
        assertThat(platform.jwksUri()).isEqualTo(sandbox() + "/jwks");
        ToolRegistrations.ToolRegistration tool = tools.find(sandbox(), platform.clientId()).orElseThrow();
        assertThat(tool.deploymentId()).isEqualTo("1");
        assertThat(tool.initiateLoginUri()).isEqualTo(baseUrl() + "/lti/login");
        assertThat(tool.redirectUris()).contains(baseUrl() + "/lti/launch");
        assertThat(tool.jwksUri()).isEqualTo(baseUrl() + "/.well-known/jwks.json");
        assertThat(tool.targetLinkUri()).isEqualTo(baseUrl() + "/lti/launch");
    }

    @Test
    void placesTheUnit224ActivityOnStart() {
        SandboxLinks.Link unit224 = unit224();

        assertThat(unit224.title()).isEqualTo("Unit 224 Support customers using online customer services");
        String frameworkId = catalog.units(null).stream().filter(p -> p.unit().code().equals("224")).findFirst().orElseThrow()
                .framework().id().toString();
        assertThat(unit224.custom()).containsEntry("attest_unit", "224").containsEntry("attest_framework", frameworkId);
    }

    @Test
    void learnerLaunchRunsSandboxLoginToolLoginSandboxAuthAndToolLaunch() throws Exception {
        SandboxLinks.Link unit224 = unit224();
        String clientId = selfRegistration.current().orElseThrow().clientId();

        AutoPostForm login = AutoPostForm.in(get(sandbox() + "/launch?user=sam&storage=off&link=" + unit224.id()).body());
        assertThat(login.action()).isEqualTo(baseUrl() + "/lti/login");
        assertThat(login.fields()).containsEntry("iss", sandbox()).containsEntry("login_hint", "sam")
                .containsEntry("target_link_uri", baseUrl() + "/lti/launch").containsEntry("lti_message_hint", unit224.id())
                .containsEntry("client_id", clientId).containsEntry("lti_deployment_id", "1")
                .doesNotContainKey("lti_storage_target");

        HttpResponse<String> toolLogin = TestPlatform.post(login.action(), login.fields());
        assertThat(toolLogin.statusCode()).isEqualTo(302);
        String authUrl = toolLogin.headers().firstValue("Location").orElseThrow();
        assertThat(authUrl).startsWith(sandbox() + "/auth?");

        AutoPostForm idTokenPost = AutoPostForm.in(get(authUrl).body());
        assertThat(idTokenPost.action()).isEqualTo(baseUrl() + "/lti/launch");
        assertThat(idTokenPost.fields()).containsKeys("id_token", "state");
        SignedJWT idToken = SignedJWT.parse(idTokenPost.fields().get("id_token"));
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(idToken.getPayload().toJSONObject().get("aud")).as("aud is a plain string, as Moodle sends it").isEqualTo(clientId);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
        assertThat(claims.getStringListClaim(LaunchMessages.LTI + "roles"))
                .containsExactly("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
        assertThat(claims.getJSONObjectClaim(LaunchMessages.LTI + "custom")).containsEntry("attest_unit", "224")
                .as("the learner's employer and assessment site").containsEntry("employer", "Greggs")
                .containsEntry("site", "Leeds Kirkgate");
        assertThat(claims.getJSONObjectClaim(LaunchMessages.LTI + "tool_platform")).containsEntry("product_family_code", "moodle");
        assertThat(String.valueOf(claims.getJSONObjectClaim(LaunchMessages.AGS).get("lineitem")))
                .startsWith(sandbox() + "/ags/").contains("/lineitem?");

        HttpResponse<String> launch = TestPlatform.post(idTokenPost.action(), idTokenPost.fields());
        assertThat(launch.statusCode()).isEqualTo(302);
        String overview = launch.headers().firstValue("Location").orElseThrow();
        assertThat(overview).as("a learner's launch of a unit activity goes straight to their portfolio")
                .matches("/s/[A-Za-z0-9_-]{64}/portfolio/[0-9a-f-]{36}");
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + overview);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sam Student", "CS-L2", "Unit 224 Support customers using online customer services",
                "What you must do").doesNotContain("Marking queue");
    }

    @Test
    void loginInitiationOffersThePostMessageStorageByDefault() throws Exception {
        AutoPostForm login = AutoPostForm.in(get(sandbox() + "/launch?user=sam&link=" + unit224().id()).body());
        assertThat(login.fields()).containsEntry("lti_storage_target", "post_message_forwarding");

        HttpResponse<String> toolLogin = TestPlatform.post(login.action(), login.fields());

        assertThat(toolLogin.statusCode()).isEqualTo(200);
        assertThat(toolLogin.body()).contains("data-storage-target=\"post_message_forwarding\"", "src=\"/js/login-storage.js\"");
        assertThat(get(baseUrl() + "/js/login-storage.js").body()).contains("lti.put_data");
    }

    @Test
    void deepLinkingResponseFromAttestPlacesTheChosenUnitAsANewActivity() throws Exception {
        String picker = launchToolPage("alex", "deep-link");
        assertThat(picker).contains("Add a unit to", "Customer Service Level 2");
        Matcher unit = Pattern.compile("name=\"unit\"[^>]*value=\"([^\"]+:208)\"").matcher(picker);
        assertThat(unit.find()).isTrue();
        String base = Pattern.compile("action=\"(/s/[^/]+)/deep-linking\"").matcher(picker).results().findFirst().orElseThrow().group(1);

        AutoPostForm response = AutoPostForm.in(TestPlatform.post(baseUrl() + base + "/deep-linking", Map.of("unit", unit.group(1))).body());
        assertThat(response.action()).isEqualTo(sandbox() + "/deep-link-return");
        HttpResponse<String> placed = TestPlatform.post(response.action(), response.fields());

        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(placed.body()).contains("Alex Assessor added Unit 208 Deal with customers face-to-face");
        assertThat(links.all()).anySatisfy(link -> {
            assertThat(link.title()).isEqualTo("Unit 208 Deal with customers face-to-face");
            assertThat(link.custom()).containsEntry("attest_unit", "208");
        });
        assertThat(get(sandbox()).body()).contains("Unit 208 Deal with customers face-to-face");
        SandboxLinks.Link placedLink = links.all().stream().filter(l -> "208".equals(l.custom().get("attest_unit")))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(lineItems.forLink(SandboxCourse.CUSTOMER_SERVICE.id(), placedLink.id()))
                .as("the deep-linking response carried the unit's grade column")
                .hasValueSatisfying(column -> {
                    assertThat(column.label()).isEqualTo("Unit 208 Deal with customers face-to-face");
                    assertThat(column.scoreMaximum()).isEqualTo(100.0);
                    assertThat(column.resourceId()).isEqualTo("208");
                    assertThat(column.tag()).isEqualTo("unit");
                });
        assertThat(get(sandbox() + "/gradebook").body()).contains("Unit 208 Deal with customers face-to-face");
    }

    @Test
    void deepLinkingResponseSignedWithAKeyAttestDoesNotPublishIsRefused() throws Exception {
        String clientId = selfRegistration.current().orElseThrow().clientId();
        RSAKey stranger = TestPlatform.newKey();
        Instant now = Instant.now();
        String forged = TestPlatform.sign(new JWTClaimsSet.Builder().issuer(clientId).audience(sandbox())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim(LaunchMessages.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchMessages.LTI + "version", "1.3.0")
                .claim(LaunchMessages.LTI + "deployment_id", "1")
                .claim(LaunchMessages.DL + "data", "sandbox-deep-link:alex")
                .claim(LaunchMessages.DL + "content_items", List.of(Map.of("type", "ltiResourceLink", "title", "Forged activity")))
                .build(), stranger, JWSAlgorithm.RS256);
        int before = links.all().size();

        HttpResponse<String> refused = TestPlatform.post(sandbox() + "/deep-link-return", Map.of("JWT", forged));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("signed with key", "does not publish");
        assertThat(links.all()).hasSize(before);
    }

    @Test
    void deepLinkingResponseThatDropsTheSandboxsDataIsRefused() throws Exception {
        String clientId = selfRegistration.current().orElseThrow().clientId();
        Instant now = Instant.now();
        String withoutData = toolKeys.sign(new JWTClaimsSet.Builder().issuer(clientId).audience(sandbox())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim(LaunchMessages.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchMessages.LTI + "version", "1.3.0")
                .claim(LaunchMessages.LTI + "deployment_id", "1")
                .claim(LaunchMessages.DL + "content_items", List.of(Map.of("type", "ltiResourceLink", "title", "Unasked-for activity")))
                .build());

        HttpResponse<String> refused = TestPlatform.post(sandbox() + "/deep-link-return", Map.of("JWT", withoutData));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("does not return the data the sandbox sent");
        assertThat(links.all()).noneMatch(link -> link.title().equals("Unasked-for activity"));
    }

    @Test
    void learnerIsNotSentIntoDeepLinking() throws Exception {
        HttpResponse<String> page = get(sandbox() + "/launch?user=sam&link=deep-link");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Sam Student is a learner");
    }

    @Test
    void authorizationRefusesARedirectUriTheToolDidNotRegister() throws Exception {
        String clientId = selfRegistration.current().orElseThrow().clientId();

        HttpResponse<String> page = get(sandbox() + "/auth?scope=openid&response_type=id_token&response_mode=form_post&prompt=none"
                + "&client_id=" + clientId + "&redirect_uri=http://attacker.example/steal&login_hint=sam&state=s&nonce=n");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("redirect_uri &#39;http://attacker.example/steal&#39; is not one the tool registered")
                .doesNotContain("id_token");
    }

    @Test
    void authorizationSendsOidcErrorsBackToTheTool() throws Exception {
        String clientId = selfRegistration.current().orElseThrow().clientId();

        AutoPostForm error = AutoPostForm.in(get(sandbox() + "/auth?scope=openid&response_type=code&response_mode=form_post"
                + "&client_id=" + clientId + "&redirect_uri=" + baseUrl() + "/lti/launch&login_hint=sam&state=s1&nonce=n").body());

        assertThat(error.action()).isEqualTo(baseUrl() + "/lti/launch");
        assertThat(error.fields()).containsEntry("error", "unsupported_response_type").containsEntry("state", "s1")
                .doesNotContainKey("id_token");
    }

    @Test
    void registrationEndpointRefusesRequestsWithoutAValidRegistrationToken() throws Exception {
        HttpResponse<String> none = postJson(sandbox() + "/register", null, "{}");
        HttpResponse<String> unknown = postJson(sandbox() + "/register", "not-a-token", "{}");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("error").asString()).isEqualTo("invalid_token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(unknown.body()).path("error_description").asString()).contains("unknown, used already");
    }

    @Test
    void registrationEndpointRegistersAToolOnceAndGivesItDeploymentOne() throws Exception {
        String token = registrationTokens.mint();
        String registration = """
                {"application_type": "web", "response_types": ["id_token"], "grant_types": ["implicit", "client_credentials"],
                 "initiate_login_uri": "https://tool.example/login", "redirect_uris": ["https://tool.example/launch"],
                 "client_name": "Example tool", "jwks_uri": "https://tool.example/jwks", "token_endpoint_auth_method": "private_key_jwt",
                 "scope": "https://purl.imsglobal.org/spec/lti-ags/scope/score https://example.com/unknown-scope",
                 "https://purl.imsglobal.org/spec/lti-tool-configuration": {"domain": "tool.example",
                   "target_link_uri": "https://tool.example/launch", "claims": ["iss", "sub"]}}""";

        HttpResponse<String> created = postJson(sandbox() + "/register", token, registration);
        HttpResponse<String> again = postJson(sandbox() + "/register", token, registration);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        assertThat(body.path("client_id").asString()).startsWith("sandbox-");
        assertThat(body.path("scope").asString()).isEqualTo("https://purl.imsglobal.org/spec/lti-ags/scope/score");
        assertThat(body.path("https://purl.imsglobal.org/spec/lti-tool-configuration").path("deployment_id").asString()).isEqualTo("1");
        assertThat(tools.find(sandbox(), body.path("client_id").asString())).hasValueSatisfying(t ->
                assertThat(t.initiateLoginUri()).isEqualTo("https://tool.example/login"));
        assertThat(again.statusCode()).isEqualTo(401);
    }

    @Test
    void registrationEndpointRefusesLaunchUrlsOffTheToolsDomain() throws Exception {
        HttpResponse<String> refused = postJson(sandbox() + "/register", registrationTokens.mint(), """
                {"response_types": ["id_token"], "grant_types": ["implicit", "client_credentials"],
                 "initiate_login_uri": "https://elsewhere.example/login", "redirect_uris": ["https://tool.example/launch"],
                 "jwks_uri": "https://tool.example/jwks", "token_endpoint_auth_method": "private_key_jwt",
                 "https://purl.imsglobal.org/spec/lti-tool-configuration": {"domain": "tool.example",
                   "target_link_uri": "https://tool.example/launch"}}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("error").asString()).isEqualTo("invalid_client_metadata");
        assertThat(body.path("error_description").asString())
                .isEqualTo("initiate_login_uri 'https://elsewhere.example/login' is not on the tool's domain tool.example");
    }

    @Test
    void openidConfigurationDescribesTheSandboxAsAnLtiPlatform() throws Exception {
        JsonNode config = JSON.readTree(get(sandbox() + "/.well-known/openid-configuration").body());

        assertThat(config.path("issuer").asString()).isEqualTo(sandbox());
        assertThat(config.path("authorization_endpoint").asString()).isEqualTo(sandbox() + "/auth");
        assertThat(config.path("token_endpoint").asString()).isEqualTo(sandbox() + "/token");
        assertThat(config.path("jwks_uri").asString()).isEqualTo(sandbox() + "/jwks");
        assertThat(config.path("registration_endpoint").asString()).isEqualTo(sandbox() + "/register");
        assertThat(config.path("response_types_supported").toString()).isEqualTo("[\"id_token\"]");
        assertThat(config.path("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        JsonNode lti = config.path("https://purl.imsglobal.org/spec/lti-platform-configuration");
        assertThat(lti.path("product_family_code").asString()).isEqualTo("moodle");
        assertThat(lti.path("messages_supported").toString()).contains("LtiResourceLinkRequest", "LtiDeepLinkingRequest");
        assertThat(JSON.readTree(get(sandbox() + "/jwks").body()).path("keys").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void tokenEndpointRefusesARequestWithoutAClientAssertion() throws Exception {
        HttpResponse<String> token = TestPlatform.post(sandbox() + "/token", Map.of("grant_type", "client_credentials"));

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(token.body()).path("error").asString()).isEqualTo("invalid_request");
        assertThat(JSON.readTree(token.body()).path("error_description").asString()).contains("client_assertion_type must be");
    }

    @Test
    void coursePageShowsTheCourseItsPeopleAndTheStorageFrame() throws Exception {
        String page = get(sandbox()).body();

        assertThat(page).contains("Customer Service Level 2", "Launch as Sam Student", "Launch as Alex Assessor",
                "Launch as Tom Trainee", "Launch as Ivy Verifier", "Launch as Ada Admin", "Add activity (deep link)", "Register Attest again",
                "name=\"tool-frame\"", "name=\"post_message_forwarding\"", "data-tool-origin=\"" + baseUrl() + "\"");
        assertThat(page.split("id=\"deep-link-", -1)).hasSize(5); // Alex, Tom, Ivy and Ada; not Sam
        assertThat(page).as("learners only on the roster are listed but never launch")
                .contains("Priya Patel", "Jordan Lee", "id=\"roster-only-priya\"")
                .doesNotContain("Launch as Priya Patel", "Launch as Jordan Lee");
    }

    /** Launches as a user through the whole flow without storage and returns the tool's first page. */
    private String launchToolPage(String user, String link) throws Exception {
        AutoPostForm login = AutoPostForm.in(get(sandbox() + "/launch?storage=off&user=" + user + "&link=" + link).body());
        String authUrl = TestPlatform.post(login.action(), login.fields()).headers().firstValue("Location").orElseThrow();
        AutoPostForm idToken = AutoPostForm.in(get(authUrl).body());
        String location = TestPlatform.post(idToken.action(), idToken.fields()).headers().firstValue("Location").orElseThrow();
        return TestPlatform.getPage(baseUrl() + location).body();
    }

    private SandboxLinks.Link unit224() {
        return links.all().stream().filter(l -> "224".equals(l.custom().get("attest_unit"))).findFirst().orElseThrow();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return TestPlatform.getPage(url);
    }

    private static HttpResponse<String> postJson(String url, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return TestPlatform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
