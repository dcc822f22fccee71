package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A platform played by the test: its own RSA key, its JWKS served by WireMock, and the browser's
 * part of the OIDC flow done over real HTTP against the running tool. Claims are shaped like the
 * Moodle 5.0 captures in src/test/resources/lms.
 */
public final class TestPlatform implements AutoCloseable {

    public static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final WireMockServer server;
    public final RSAKey key;
    public final String issuer;
    public final String clientId;
    public final String deploymentId;

    /** What the tool sent the browser to at the platform's authorization endpoint. */
    public record AuthRequest(int status, String location, Map<String, String> params, String body) {
        public String state() {
            return params.get("state");
        }

        public String nonce() {
            return params.get("nonce");
        }
    }

    private TestPlatform(String clientId, String deploymentId) throws Exception {
        this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        this.key = newKey();
        this.issuer = "http://127.0.0.1:" + server.port() + "/moodle";
        this.clientId = clientId;
        this.deploymentId = deploymentId;
        publish(new JWKSet(key.toPublicJWK()));
    }

    public static TestPlatform start() throws Exception {
        return new TestPlatform("client-" + UUID.randomUUID().toString().substring(0, 8), "1");
    }

    public static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.port() + "/moodle/mod/lti/certs.php";
    }

    public String authUrl() {
        return "http://127.0.0.1:" + server.port() + "/moodle/mod/lti/auth.php";
    }

    /** Serves this key set as the platform's JWKS. */
    public void publish(JWKSet keys) {
        server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/certs.php"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(keys.toString(true))));
    }

    public Platform register(PlatformRegistry registry) {
        return registry.register(new PlatformRegistry.Registration(issuer, clientId, "Test Moodle", authUrl(),
                "http://127.0.0.1:" + server.port() + "/moodle/mod/lti/token.php", jwksUrl(), "moodle",
                Platform.RegisteredBy.MANUAL, List.of(deploymentId)));
    }

    /** Posts the OIDC login initiation form as Moodle does, and reads where the tool redirects. */
    public AuthRequest login(String toolBase, Map<String, String> overrides) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("iss", issuer);
        form.put("target_link_uri", toolBase + "/lti/launch");
        form.put("login_hint", "4");
        form.put("lti_message_hint", "{\"cmid\":2,\"launchid\":\"ltilaunch1_2041047989\"}");
        form.put("client_id", clientId);
        form.put("lti_deployment_id", deploymentId);
        form.putAll(overrides);
        form.values().removeIf(v -> v == null);
        HttpResponse<String> response = post(toolBase + "/lti/login", form);
        String location = response.headers().firstValue("Location").orElse(null);
        Map<String, String> params = new LinkedHashMap<>();
        if (location != null) {
            UriComponentsBuilder.fromUriString(location).build().getQueryParams()
                    .forEach((k, v) -> params.put(k, URLDecoder.decode(v.get(0))));
        }
        return new AuthRequest(response.statusCode(), location, params, response.body());
    }

    public AuthRequest login(String toolBase) throws Exception {
        return login(toolBase, Map.of());
    }

    /** A learner's resource-link launch as Moodle 5.0 sends it (the captured claims, with this test's issuer, times and nonce). */
    public JWTClaimsSet.Builder resourceLinkClaims(String toolBase, String nonce) throws Exception {
        return claimsFrom("lms/moodle-5.0/resource-link-launch.claims.json", toolBase, nonce);
    }

    /** An instructor's deep-linking request as Moodle 5.0 sends it. */
    public JWTClaimsSet.Builder deepLinkingClaims(String toolBase, String nonce) throws Exception {
        return claimsFrom("lms/moodle-5.0/deep-linking-request.id_token.json", toolBase, nonce);
    }

    @SuppressWarnings("unchecked")
    private JWTClaimsSet.Builder claimsFrom(String resource, String toolBase, String nonce) throws Exception {
        Map<String, Object> captured;
        try (InputStream in = TestPlatform.class.getClassLoader().getResourceAsStream(resource)) {
            captured = JSON.readValue(in, Map.class);
        }
        Map<String, Object> claims = captured.containsKey("claims") ? (Map<String, Object>) captured.get("claims") : captured;
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> builder.claim(name, rewrite(value, toolBase)));
        Instant now = Instant.now();
        return builder.issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim("nonce", nonce)
                .claim(LaunchClaims.LTI + "deployment_id", deploymentId)
                .claim(LaunchClaims.LTI + "target_link_uri", toolBase + "/lti/launch");
    }

    /** Moves the captured URLs onto this test's hosts. */
    private Object rewrite(Object value, String toolBase) {
        if (value instanceof String s) {
            return s.replace("http://127.0.0.1:8081", "http://127.0.0.1:" + server.port() + "/moodle")
                    .replace("http://127.0.0.1:8080", toolBase);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), rewrite(v, toolBase)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(v -> rewrite(v, toolBase)).toList();
        }
        return value;
    }

    public String sign(JWTClaimsSet claims) throws Exception {
        return sign(claims, key, JWSAlgorithm.RS256);
    }

    public static String sign(JWTClaimsSet claims, RSAKey key, JWSAlgorithm alg) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Posts the id_token to the tool as the platform's auto-submitted form_post does. */
    public HttpResponse<String> launch(String toolBase, String idToken, String state) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id_token", idToken);
        form.put("state", state);
        form.values().removeIf(v -> v == null);
        return post(toolBase + "/lti/launch", form);
    }

    /** Login, then a signed Moodle-shaped learner launch; returns the tool's response to the launch. */
    public HttpResponse<String> fullLaunch(String toolBase) throws Exception {
        AuthRequest auth = login(toolBase);
        return launch(toolBase, sign(resourceLinkClaims(toolBase, auth.nonce()).build()), auth.state());
    }

    public static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> getPage(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class URLDecoder {
        static String decode(String s) {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }
}
