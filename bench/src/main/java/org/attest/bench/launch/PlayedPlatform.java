package org.attest.bench.launch;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform the load generator plays, shaped like Moodle 5.0: an OpenID configuration, a
 * Dynamic Registration endpoint and a JWKS served by the JDK's HttpServer on 127.0.0.1, one RSA
 * 2048 key (RS256), the login initiation form Moodle posts, and learner launch claims copied from
 * the Moodle 5.0 capture the tool's tests use. A run either plays a new platform or, given an
 * {@link Identity} saved by an earlier run, the same platform again (same issuer, client id and
 * key), so a tool whose database already holds it needs no new registration.
 */
public final class PlayedPlatform implements AutoCloseable {

    public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";
    public static final String DEPLOYMENT_ID = "1";
    private static final String CAPTURE = "launch/moodle-5.0-resource-link.claims.json";

    /** What makes the platform the same one across runs: its port (so its issuer), client id and signing key. */
    public record Identity(int port, String clientId, RSAKey key) {

        /** A new platform on a free port chosen by the system. */
        public static Identity fresh() throws JOSEException {
            return new Identity(0, "bench-" + UUID.randomUUID().toString().substring(0, 8),
                    new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                            .keyID(UUID.randomUUID().toString()).generate());
        }

        /** The identity saved in {@code file} by {@link #save}. */
        public static Identity load(Path file) throws IOException, ParseException {
            Map<String, Object> json = JSONObjectUtils.parse(Files.readString(file));
            return new Identity(((Number) json.get("port")).intValue(), (String) json.get("clientId"),
                    RSAKey.parse(JSONObjectUtils.getJSONObject(json, "key")));
        }

        /** Saves the identity, private key included: a benchmark platform's key, never a real one. */
        public void save(Path file, int boundPort) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("port", boundPort);
            json.put("clientId", clientId);
            json.put("key", key.toJSONObject());
            Files.writeString(file, JSONObjectUtils.toJSONString(json));
        }
    }

    private final HttpServer server;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final JWSHeader header;
    private final String toolBase;
    private final String targetLinkUri;
    final String base;
    public final String issuer;
    final String registrationToken = "bench-" + UUID.randomUUID();
    public final String clientId;
    private final Identity identity;
    private final Map<String, Object> capturedClaims;
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicInteger registrations = new AtomicInteger();

    PlayedPlatform(String toolBase) throws IOException, JOSEException, ParseException {
        this(toolBase, Identity.fresh());
    }

    public PlayedPlatform(String toolBase, Identity identity) throws IOException, JOSEException, ParseException {
        this(toolBase, identity, "/lti/launch");
    }

    /** A platform whose launches target {@code targetLinkPath} on the tool (the login form's and the id_token's target_link_uri). */
    public PlayedPlatform(String toolBase, Identity identity, String targetLinkPath) throws IOException, JOSEException, ParseException {
        this.toolBase = toolBase;
        this.targetLinkUri = toolBase + targetLinkPath;
        this.identity = identity;
        this.key = identity.key();
        this.clientId = identity.clientId();
        this.signer = new RSASSASigner(key);
        this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), identity.port()), 64);
        } catch (BindException e) {
            throw new IOException("the played platform's port " + identity.port() + " is in use; stop what listens there "
                    + "or delete the saved platform identity to play a new platform", e);
        }
        this.base = "http://127.0.0.1:" + server.getAddress().getPort();
        this.issuer = base + "/moodle";
        this.capturedClaims = rewrite(capture());
        server.createContext("/moodle/mod/lti/openid-configuration.php", this::configuration);
        server.createContext("/moodle/mod/lti/openid-registration.php", this::registration);
        server.createContext("/moodle/mod/lti/certs.php", this::jwks);
        server.createContext("/moodle/mod/lti/auth.php", e -> send(e, 400, "text/plain",
                "the load generator reads state and nonce from the redirect and never follows it"));
        server.start();
    }

    String openidConfigurationUrl() {
        return base + "/moodle/mod/lti/openid-configuration.php";
    }

    /** Saves this platform's identity (with the port it is bound to) for a later run to play it again. */
    public void saveIdentity(Path file) throws IOException {
        identity.save(file, server.getAddress().getPort());
    }

    /**
     * Registers this platform with the tool by Dynamic Registration, as a Moodle admin starts it: the
     * tool fetches the platform's configuration and posts its registration back.
     */
    public void register() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String url = toolBase + "/lti/register?openid_configuration=" + URLEncoder.encode(openidConfigurationUrl(), StandardCharsets.UTF_8)
                + "&registration_token=" + URLEncoder.encode(registrationToken, StandardCharsets.UTF_8);
        int before = registrations.get();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200 || !page.body().contains("Attest is registered") || registrations.get() != before + 1) {
            String body = page.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
            throw new IllegalStateException("Dynamic Registration failed: HTTP " + page.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** The OIDC login initiation form exactly as Moodle 5.0 posts it (every login of a run sends the same form). */
    byte[] loginForm() {
        return loginForm("4");
    }

    /** The login initiation form for the user Moodle knows by {@code loginHint}. */
    public byte[] loginForm(String loginHint) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("iss", issuer);
        form.put("target_link_uri", targetLinkUri);
        form.put("login_hint", loginHint);
        form.put("lti_message_hint", "{\"cmid\":2,\"launchid\":\"ltilaunch1_2041047989\"}");
        form.put("client_id", clientId);
        form.put("lti_deployment_id", DEPLOYMENT_ID);
        return encode(form);
    }

    /** The launch form the platform's auto-submitted page posts: a freshly signed learner id_token and the state. */
    byte[] launchForm(String state, String nonce) throws JOSEException {
        return launchForm(state, nonce, Map.of());
    }

    /**
     * The launch form of another user or activity: the captured claims with {@code replaced} put over
     * them (sub, name, roles, context, resource_link, custom, ...).
     */
    public byte[] launchForm(String state, String nonce, Map<String, Object> replaced) throws JOSEException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("id_token", sign(nonce, replaced));
        form.put("state", state);
        return encode(form);
    }

    /** A learner's resource-link launch as Moodle 5.0 sends it, issued now, valid 60 s (as Moodle does). */
    String sign(String nonce) throws JOSEException {
        return sign(nonce, Map.of());
    }

    private String sign(String nonce, Map<String, Object> replaced) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        capturedClaims.forEach(claims::claim);
        replaced.forEach(claims::claim);
        Instant now = Instant.now();
        claims.issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim("nonce", nonce)
                .claim(LTI + "deployment_id", DEPLOYMENT_ID)
                .claim(LTI + "target_link_uri", targetLinkUri);
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A claim of the Moodle capture (moved onto this platform), e.g. the custom parameters Moodle adds to every launch. */
    public Object capturedClaim(String name) {
        return capturedClaims.get(name);
    }

    private void configuration(HttpExchange e) throws IOException {
        if (!authorized(e)) {
            return;
        }
        Map<String, Object> platformConfig = new LinkedHashMap<>();
        platformConfig.put("product_family_code", "moodle");
        platformConfig.put("version", "5.0 (Build: 20250414)");
        platformConfig.put("messages_supported", List.of(Map.of("type", "LtiResourceLinkRequest"), Map.of("type", "LtiDeepLinkingRequest")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("token_endpoint", issuer + "/mod/lti/token.php");
        config.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        config.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        config.put("jwks_uri", issuer + "/mod/lti/certs.php");
        config.put("authorization_endpoint", issuer + "/mod/lti/auth.php");
        config.put("registration_endpoint", issuer + "/mod/lti/openid-registration.php");
        config.put("scopes_supported", List.of(
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
                "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
                "openid"));
        config.put("response_types_supported", List.of("id_token"));
        config.put("subject_types_supported", List.of("public", "pairwise"));
        config.put("id_token_signing_alg_values_supported", List.of("RS256"));
        config.put("claims_supported", List.of("sub", "iss", "name", "given_name", "family_name", "email"));
        config.put("https://purl.imsglobal.org/spec/lti-platform-configuration", platformConfig);
        send(e, 200, "application/json", JSONObjectUtils.toJSONString(config));
    }

    private void registration(HttpExchange e) throws IOException {
        if (!"POST".equals(e.getRequestMethod())) {
            send(e, 405, "text/plain", "POST only");
            return;
        }
        if (!authorized(e)) {
            return;
        }
        byte[] request = e.getRequestBody().readNBytes(1024 * 1024);
        Map<String, Object> tool;
        try {
            tool = JSONObjectUtils.parse(new String(request, StandardCharsets.UTF_8));
        } catch (ParseException ex) {
            send(e, 400, "application/json", "{\"error\": \"invalid_client_metadata\"}");
            return;
        }
        if (!(toolBase + "/lti/login").equals(tool.get("initiate_login_uri"))) {
            send(e, 400, "application/json", "{\"error\": \"invalid_client_metadata\", \"error_description\": \"initiate_login_uri is not "
                    + toolBase + "/lti/login\"}");
            return;
        }
        registrations.incrementAndGet();
        Map<String, Object> toolConfig = new LinkedHashMap<>();
        toolConfig.put("deployment_id", DEPLOYMENT_ID);
        toolConfig.put("domain", "127.0.0.1");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("client_id", clientId);
        response.put("response_types", List.of("id_token"));
        response.put("https://purl.imsglobal.org/spec/lti-tool-configuration", toolConfig);
        send(e, 200, "application/json", JSONObjectUtils.toJSONString(response));
    }

    private void jwks(HttpExchange e) throws IOException {
        jwksFetches.incrementAndGet();
        send(e, 200, "application/json", new JWKSet(key.toPublicJWK()).toString(true));
    }

    private boolean authorized(HttpExchange e) throws IOException {
        if (!("Bearer " + registrationToken).equals(e.getRequestHeaders().getFirst("Authorization"))) {
            send(e, 401, "application/json", "{\"error\": \"invalid_token\"}");
            return false;
        }
        return true;
    }

    private static void send(HttpExchange e, int status, String type, String body) throws IOException {
        try (e) {
            e.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().set("Content-Type", type);
            e.sendResponseHeaders(status, bytes.length);
            e.getResponseBody().write(bytes);
        }
    }

    private static byte[] encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Object> capture() throws IOException, ParseException {
        try (InputStream in = PlayedPlatform.class.getClassLoader().getResourceAsStream(CAPTURE)) {
            if (in == null) {
                throw new IOException(CAPTURE + " is not on the class path");
            }
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The capture's own URLs moved onto this platform and this tool; per-launch claims are set in {@link #sign}. */
    private Map<String, Object> rewrite(Map<String, Object> captured) {
        Map<String, Object> claims = new LinkedHashMap<>();
        captured.forEach((k, v) -> {
            if (!List.of("iss", "aud", "iat", "exp", "nonce").contains(k)) {
                claims.put(k, rewriteValue(v));
            }
        });
        return claims;
    }

    private Object rewriteValue(Object value) {
        if (value instanceof String s) {
            return s.replace("http://127.0.0.1:8081", issuer).replace("http://127.0.0.1:8080", toolBase);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), rewriteValue(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(this::rewriteValue).toList();
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
