package org.attest.sandbox;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox's OAuth 2 token endpoint for LTI services, as Moodle's {@code token.php}: the client
 * credentials grant with a JWT client assertion (RFC 7523) signed by the tool's key. Grants the
 * scopes asked for that the tool registered, as one bearer token for an hour; only its hash is kept.
 */
@Component
@ConditionalOnSandbox
class SandboxAccessTokens {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration LIFETIME = Duration.ofSeconds(3600);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final int MAX_JTI_CHARS = 255;

    /** A token granted: the bearer token itself and the scopes it carries. */
    record Granted(String accessToken, List<String> scopes, Duration expiresIn) {
    }

    /** Who presented a valid bearer token, and what it allows. */
    record Grant(String clientId, List<String> scopes) {
        boolean allowsAny(String... wanted) {
            return Arrays.stream(wanted).anyMatch(scopes::contains);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxProperties properties;
    private final ToolRegistrations tools;
    private final ToolJwks toolJwks;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong issued = new AtomicLong();

    SandboxAccessTokens(SandboxProperties properties, ToolRegistrations tools, ToolJwks toolJwks, SandboxDatabase database,
            Clock clock) {
        this.properties = properties;
        this.tools = tools;
        this.toolJwks = toolJwks;
        this.jdbc = database.jdbc();
        this.clock = clock;
    }

    /** Token requests since the sandbox started, refused ones included: the gradebook benchmark counts them. */
    long requests() {
        return requests.get();
    }

    long issued() {
        return issued.get();
    }

    Granted grant(Map<String, String> form) throws ServiceRefusal {
        requests.incrementAndGet();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new ServiceRefusal(400, "unsupported_grant_type", "grant_type is '" + form.get("grant_type")
                    + "'; the sandbox issues service tokens for the client_credentials grant only");
        }
        if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
            throw new ServiceRefusal(400, "invalid_request", "client_assertion_type must be " + JWT_BEARER
                    + "; the tool authenticates with a JWT signed by its key (RFC 7523)");
        }
        String assertion = form.get("client_assertion");
        if (assertion == null || assertion.isBlank()) {
            throw new ServiceRefusal(400, "invalid_request", "the request has no client_assertion");
        }
        ToolRegistrations.ToolRegistration tool = authenticate(assertion);
        List<String> granted = grantable(tool, form.get("scope"));
        String token = randomToken();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO sandbox_access_token (token_hash, client_id, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(hash(token), tool.clientId(), String.join(" ", granted), Timestamp.from(now), Timestamp.from(now.plus(LIFETIME)))
                .update();
        issued.incrementAndGet();
        return new Granted(token, granted, LIFETIME);
    }

    /** The grant behind an unexpired bearer token, if the token is one the sandbox issued. */
    Optional<Grant> grantFor(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT client_id, scope FROM sandbox_access_token WHERE token_hash = ? AND expires_at > ?")
                .params(hash(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Grant(rs.getString("client_id"), List.of(rs.getString("scope").split(" "))))
                .optional();
    }

    /**
     * The grant behind the request's {@code Authorization: Bearer} header when it allows one of
     * {@code scopes}; refused with 401 (no or unknown token) or 403 (token without the scope).
     */
    Grant authorize(String authorization, String... scopes) throws ServiceRefusal {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ServiceRefusal(401, "invalid_token", "the request needs 'Authorization: Bearer <access token>' with a token from "
                    + properties.url("/token"));
        }
        Grant grant = grantFor(authorization.substring(7).trim()).orElseThrow(() -> new ServiceRefusal(401, "invalid_token",
                "the access token is unknown or expired; get a new one from " + properties.url("/token")));
        if (!grant.allowsAny(scopes)) {
            throw new ServiceRefusal(403, "insufficient_scope", "the access token's scopes " + grant.scopes() + " include none of "
                    + Arrays.asList(scopes) + ", which this request needs");
        }
        return grant;
    }

    /**
     * The tool type id (Moodle's name for the deployment) a service URL may carry as {@code type_id},
     * checked against the token's tool. Read as PHP's {@code (int)} does, as Moodle reads it, so
     * {@code 1/scores} passes as {@code 1}: see {@link GradeServicesController} for where that leads.
     */
    String typeId(Grant grant, String typeId) throws ServiceRefusal {
        String deployment = tools.find(properties.issuer(), grant.clientId()).map(ToolRegistrations.ToolRegistration::deploymentId)
                .orElseThrow(() -> new ServiceRefusal(401, "invalid_token", "the access token's tool is no longer registered"));
        if (typeId != null && !typeId.replaceFirst("^(\\d*).*$", "$1").equals(deployment)) {
            throw ServiceRefusal.badRequest("type_id '" + typeId + "' is not the tool's type id " + deployment);
        }
        return deployment;
    }

    private ToolRegistrations.ToolRegistration authenticate(String assertion) throws ServiceRefusal {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidClient("the client_assertion is not a signed JWT (" + e.getMessage() + ")");
        }
        String clientId = claims.getIssuer();
        ToolRegistrations.ToolRegistration tool = clientId == null ? null : tools.find(properties.issuer(), clientId).orElse(null);
        if (tool == null) {
            throw invalidClient("the client assertion's iss '" + clientId + "' is not the client id of a tool registered with "
                    + properties.issuer());
        }
        if (!clientId.equals(claims.getSubject())) {
            throw invalidClient("the client assertion's sub '" + claims.getSubject() + "' must be the client id '" + clientId + "', as its iss");
        }
        try {
            toolJwks.verify(jwt, tool, "the client assertion");
        } catch (ToolJwks.Unverified e) {
            throw invalidClient(e.getMessage());
        }
        String tokenEndpoint = properties.url("/token");
        if (claims.getAudience() == null || !claims.getAudience().contains(tokenEndpoint)) {
            throw invalidClient("the client assertion's aud " + claims.getAudience() + " does not name the token endpoint " + tokenEndpoint);
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw invalidClient("the client assertion has no exp");
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (!expires.plus(CLOCK_SKEW).isAfter(now)) {
            throw invalidClient("the client assertion expired at " + expires + " (now " + now + "); sign a new one for each token request");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw invalidClient("the client assertion was issued in the future (" + claims.getIssueTime().toInstant() + ", now " + now + ")");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS) {
            throw invalidClient("the client assertion needs a jti of 1 to " + MAX_JTI_CHARS + " characters, unique to each assertion");
        }
        rememberJti(clientId, jti, expires.plus(CLOCK_SKEW), now);
        return tool;
    }

    /** Stores the jti until its assertion could no longer be accepted anyway; a second use is a replay. */
    private void rememberJti(String clientId, String jti, Instant keepUntil, Instant now) throws ServiceRefusal {
        jdbc.sql("DELETE FROM sandbox_client_assertion WHERE expires_at < ?").param(Timestamp.from(now)).update();
        try {
            jdbc.sql("INSERT INTO sandbox_client_assertion (client_id, jti, expires_at) VALUES (?, ?, ?)")
                    .params(clientId, jti, Timestamp.from(keepUntil)).update();
        } catch (DuplicateKeyException e) {
            throw invalidClient("the client assertion's jti '" + jti + "' was used already; sign a new assertion with a fresh jti");
        }
    }

    private static List<String> grantable(ToolRegistrations.ToolRegistration tool, String scope) throws ServiceRefusal {
        if (scope == null || scope.isBlank()) {
            throw new ServiceRefusal(400, "invalid_scope", "the request names no scope; ask for the AGS and NRPS scopes the tool needs");
        }
        List<String> registered = tool.scope() == null ? List.of() : List.of(tool.scope().split(" "));
        List<String> granted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String s : scope.trim().split("\\s+")) {
            (registered.contains(s) ? granted : refused).add(s);
        }
        if (granted.isEmpty()) {
            throw new ServiceRefusal(400, "invalid_scope", "none of the scopes asked for " + refused + " was registered by the tool "
                    + "(registered: " + registered + ")");
        }
        return granted.stream().distinct().toList();
    }

    private static ServiceRefusal invalidClient(String description) {
        return new ServiceRefusal(401, "invalid_client", description);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
