package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attest.standards.Framework;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.ApiTokens;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.CasePackages;
import org.attest.tool.standards.internal.FrameworkImport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signs in the people who use the admin pages (operator, centre admin, learner, instructor) and talks to the pages over HTTP. */
abstract class AdminIntegrationTest extends IntegrationTest {

    static final String ROLES = "https://purl.imsglobal.org/spec/lti/claim/roles";
    static final String INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
    static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    PlatformRegistry registry;

    @Autowired
    OneTimeTokens oneTimeTokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FrameworkImport frameworkImport;

    @Autowired
    ApiTokens apiTokens;

    /** Signs the operator in through a setup link; returns the session's base path {@code /s/{token}}. */
    String operatorSession() throws Exception {
        String token = oneTimeTokens.mint(OneTimeTokens.Purpose.OPERATOR_SETUP, Duration.ofHours(24));
        HttpResponse<String> response = get("/admin/setup/" + token);
        assertThat(response.statusCode()).isEqualTo(303);
        return sessionBase(response.headers().firstValue("Location").orElseThrow());
    }

    /** A launch from this platform with these LTI roles; returns the session's base path. */
    String launchSession(TestPlatform platform, String... roles) throws Exception {
        TestPlatform.AuthRequest auth = platform.login(baseUrl());
        String idToken = platform.sign(platform.resourceLinkClaims(baseUrl(), auth.nonce()).claim(ROLES, List.of(roles)).build());
        HttpResponse<String> launch = platform.launch(baseUrl(), idToken, auth.state());
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(302);
        return sessionBase(launch.headers().firstValue("Location").orElseThrow());
    }

    private static String sessionBase(String location) {
        assertThat(location).matches("/s/[A-Za-z0-9_-]{64}/.*");
        return location.substring(0, "/s/".length() + 64);
    }

    /** Another platform, registered directly: nobody launches from it in these tests. */
    Platform otherPlatform(String label) {
        String host = "https://" + label + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".example.ac.uk";
        return registry.register(new PlatformRegistry.Registration(host, "client-" + label, "Other LMS " + label, host + "/auth",
                host + "/token", host + "/certs", null, Platform.RegisteredBy.MANUAL, List.of("1")));
    }

    /** A new framework (Unit 224 under a title of its own), imported as this scope imports it. */
    Framework importFramework(AdminScope scope, String purpose) throws Exception {
        Framework framework = CasePackages.unit224(CasePackages.uniqueTitle(purpose));
        frameworkImport.importCase(scope, CasePackages.caseJson(framework), "test setup");
        return framework;
    }

    /** The id (SHA-256) of the API token with this label, as the page's delete form sends it. */
    String tokenId(String label) {
        return jdbc.sql("SELECT token_hash FROM api_token WHERE label = ?").param(label).query(String.class).single();
    }

    HttpResponse<String> get(String path) throws Exception {
        return TestPlatform.getPage(baseUrl() + path);
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return TestPlatform.post(baseUrl() + path, form);
    }

    HttpResponse<String> json(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return TestPlatform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hidden fields of a form on a page, by name, unescaped: what the browser posts when its button is pressed. */
    static Map<String, String> hiddenFields(String page, String formId) {
        java.util.regex.Matcher form = java.util.regex.Pattern.compile("<form[^>]*id=\"" + formId + "\"[^>]*>(.*?)</form>",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(form.find()).as("form " + formId + " on the page").isTrue();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher input = java.util.regex.Pattern.compile(
                "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form.group(1));
        while (input.find()) {
            fields.put(input.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(input.group(2)));
        }
        return fields;
    }

    static JsonNode parse(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Everything an admin request could change, to show that a refused one changed nothing. */
    String snapshot() {
        return Stream.of(
                        "SELECT id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri, enabled FROM platform ORDER BY id",
                        "SELECT platform_id, deployment_id, name FROM deployment ORDER BY platform_id, deployment_id",
                        "SELECT kid, status, retire_at FROM tool_key ORDER BY kid",
                        "SELECT token_hash, purpose, used_at FROM one_time_token WHERE purpose = 'REGISTRATION' ORDER BY token_hash",
                        "SELECT id, framework_id, version, current, platform_id FROM framework_version ORDER BY id",
                        "SELECT version_id, criterion_id, change FROM criterion_change ORDER BY version_id, criterion_id",
                        "SELECT token_hash, label, platform_id, expires_at FROM api_token ORDER BY token_hash",
                        "SELECT * FROM iqa_person ORDER BY platform_id, subject",
                        "SELECT * FROM eqa_grant ORDER BY id", "SELECT * FROM eqa_report ORDER BY id",
                        "SELECT last_seq, last_hash FROM audit_head")
                .map(sql -> jdbc.sql(sql).query().listOfRows().toString())
                .collect(Collectors.joining("\n"));
    }

    static Map<String, String> platformForm(String issuer, String clientId, String name, String deploymentIds) {
        return Map.of("issuer", issuer, "clientId", clientId, "name", name,
                "authorizationEndpoint", issuer + "/mod/lti/auth.php", "tokenEndpoint", issuer + "/mod/lti/token.php",
                "jwksUri", issuer + "/mod/lti/certs.php", "deploymentIds", deploymentIds);
    }

    static String platformJson(String issuer, String clientId, String name, String... deploymentIds) {
        return JSON.writeValueAsString(Map.of("issuer", issuer, "clientId", clientId, "name", name,
                "authorizationEndpoint", issuer + "/mod/lti/auth.php", "tokenEndpoint", issuer + "/mod/lti/token.php",
                "jwksUri", issuer + "/mod/lti/certs.php", "deploymentIds", List.of(deploymentIds)));
    }
}
