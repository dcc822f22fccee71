package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Canvas-shaped platform played by the test: every Canvas registration shares the issuer
 * {@code https://canvas.instructure.com} and one JWKS (served here by WireMock); each
 * registration is a developer key with its own numeric client id. Its id_tokens carry {@code aud}
 * as an array plus {@code azp}, and its login initiation offers {@code lti_storage_target}.
 */
final class CanvasPlatform implements AutoCloseable {

    static final String ISSUER = "https://canvas.instructure.com";
    static final String AUTHORIZATION_ENDPOINT = "https://sso.canvaslms.com/api/lti/authorize_redirect";
    static final String STORAGE_TARGET = "post_message_forwarding";

    static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
    static final List<String> STUDENT = List.of(LIS + "institution/person#Student", LIS + "membership#Learner", LIS + "system/person#User");
    static final List<String> TEACHER = List.of(LIS + "institution/person#Instructor", LIS + "membership#Instructor",
            LIS + "system/person#User");
    static final List<String> ACCOUNT_ADMIN = List.of(LIS + "institution/person#Administrator", LIS + "system/person#User");

    final WireMockServer server;
    final RSAKey key;

    /** One developer key: a client id and the deployment of the tool in a course or account. */
    record Registration(String clientId, String deploymentId) {
    }

    private CanvasPlatform() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        key = TestPlatform.newKey();
        server.stubFor(get(urlPathEqualTo("/api/lti/security/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(key.toPublicJWK()).toString(true))));
    }

    static CanvasPlatform start() throws Exception {
        return new CanvasPlatform();
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/lti/security/jwks";
    }

    /** Registers a new developer key under the shared issuer. */
    Registration register(PlatformRegistry registry) {
        Registration r = new Registration(String.valueOf(10_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L)),
                ThreadLocalRandom.current().nextInt(1, 99_999) + ":" + UUID.randomUUID().toString().replace("-", ""));
        registry.register(new PlatformRegistry.Registration(ISSUER, r.clientId(), "Canvas " + r.clientId(), AUTHORIZATION_ENDPOINT,
                "https://sso.canvaslms.com/login/oauth2/token", jwksUrl(), "canvas", Platform.RegisteredBy.MANUAL,
                List.of(r.deploymentId())));
        return r;
    }

    /** The login initiation form Canvas auto-posts; null values in overrides remove a field. */
    static Map<String, String> loginForm(String toolBase, Registration r, Map<String, String> overrides) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("iss", ISSUER);
        form.put("login_hint", "535fa085f22b4655f48cd5a36a9215f64c062838");
        form.put("client_id", r.clientId());
        form.put("lti_deployment_id", r.deploymentId());
        form.put("target_link_uri", toolBase + "/lti/launch");
        form.put("lti_message_hint", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ2ZXJpZmllciI6IjEyMyJ9.c2lnbmF0dXJl");
        form.put("canvas_environment", "prod");
        form.put("canvas_region", "us-east-1");
        form.put("lti_storage_target", STORAGE_TARGET);
        form.putAll(overrides);
        form.values().removeIf(v -> v == null);
        return form;
    }

    static HttpResponse<String> login(String toolBase, Registration r, Map<String, String> overrides) throws Exception {
        return TestPlatform.post(toolBase + "/lti/login", loginForm(toolBase, r, overrides));
    }

    /** A resource-link launch as Canvas sends it: aud an array with azp. */
    JWTClaimsSet.Builder claims(String toolBase, Registration r, String nonce, List<String> roles) {
        Instant now = Instant.now();
        String lti = LaunchClaims.LTI;
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(r.clientId()))
                .claim("azp", r.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .subject("535fa085f22b4655f48cd5a36a9215f64c062838")
                .claim("nonce", nonce)
                .claim("name", "Casey Canvas")
                .claim("email", "casey@example.edu")
                .claim("locale", "en")
                .claim(lti + "message_type", "LtiResourceLinkRequest")
                .claim(lti + "version", "1.3.0")
                .claim(lti + "deployment_id", r.deploymentId())
                .claim(lti + "target_link_uri", toolBase + "/lti/launch")
                .claim(lti + "roles", roles)
                .claim(lti + "resource_link", Map.of("id", "6ae9b6f2-4bd3-4c2e-8c3a-4a1d5c5d2f0e", "title", "Unit 224 portfolio"))
                .claim(lti + "context", Map.of("id", "4dde05e8ca1973bcca9bffc13e1548820eee93a3", "label", "BTEC-CS",
                        "title", "Customer Service Level 2",
                        "type", List.of("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering")))
                .claim(lti + "tool_platform", Map.of("guid", "VCSoHqv4ZhoQu0fAAGwvNCzWCp9ah8kh4ecxb5gh:canvas-lms",
                        "name", "Example College", "version", "cloud", "product_family_code", "canvas"))
                .claim(lti + "launch_presentation", Map.of("document_target", "iframe", "locale", "en",
                        "return_url", "https://example.instructure.com/courses/1/external_content/success/external_tool_redirect"))
                .claim(lti + "custom", Map.of("canvas_course_id", "1"))
                .claim("https://purl.imsglobal.org/spec/lti/claim/lti11_legacy_user_id", "ba87f8c3b5e3a2e6a0d1e1f1a1b1c1d1e1f1a1b1")
                .claim("https://www.instructure.com/placement", "course_navigation");
    }

    /** The state the tool's login page puts in the platform's storage (and sends to the platform). */
    static String stateFromLoginPage(String body) {
        return stored("state", body);
    }

    /** The nonce the tool's login page puts in the platform's storage (and sends to the platform). */
    static String nonceFromLoginPage(String body) {
        return stored("nonce", body);
    }

    private static String stored(String item, String body) {
        Matcher m = Pattern.compile("data-" + item + "=\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no " + item + " on the storage login page: " + body);
        }
        return m.group(1);
    }

    String sign(JWTClaimsSet claims) throws Exception {
        return TestPlatform.sign(claims, key, JWSAlgorithm.RS256);
    }

    @Override
    public void close() {
        server.stop();
    }
}
