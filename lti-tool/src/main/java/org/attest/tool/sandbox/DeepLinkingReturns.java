package org.attest.tool.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the tool's {@code LtiDeepLinkingResponse} at /sandbox/deep-link-return: verifies the JWT
 * with the keys the tool registered (its JWKS URL, fetched and cached), checks it is from the
 * registered client to this sandbox for its deployment, and places each {@code ltiResourceLink}
 * as an activity of the course.
 */
@Component
@ConditionalOnProperty(name = "attest.sandbox.enabled", havingValue = "true")
class DeepLinkingReturns {

    /** The response was not acceptable; the message says which check failed. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What the tool placed, who asked for it, and the tool's message to show, if any. */
    record Placed(List<SandboxLinks.Link> links, String placedBy, String message) {
    }

    /** A content item checked and ready to place; none is placed unless all pass. */
    private record NewActivity(String title, Map<String, String> custom, String url, String lineItem) {
    }

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final ToolRegistrations tools;
    private final SandboxLinks links;
    private final Clock clock;
    private final Map<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

    DeepLinkingReturns(SandboxProperties properties, ToolRegistrations tools, SandboxLinks links, Clock clock) {
        this.properties = properties;
        this.tools = tools;
        this.links = links;
        this.clock = clock;
    }

    Placed receive(String token) throws Refused {
        if (token == null || token.isBlank()) {
            throw new Refused("the deep-linking return has no JWT form field; the tool must post its LtiDeepLinkingResponse as JWT");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("the JWT form field is not a signed JWT (" + e.getMessage() + ")");
        }
        if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
            throw new Refused("the deep-linking response is signed with " + jwt.getHeader().getAlgorithm()
                    + "; the sandbox accepts RS256, RS384 and RS512");
        }
        String clientId = claims.getIssuer();
        ToolRegistrations.ToolRegistration tool = (clientId == null ? null : tools.find(properties.issuer(), clientId).orElse(null));
        if (tool == null) {
            throw new Refused("the deep-linking response's iss '" + clientId + "' is not the client id of a tool registered with "
                    + properties.issuer());
        }
        verifySignature(jwt, tool);
        if (claims.getAudience() == null || !claims.getAudience().contains(properties.issuer())) {
            throw new Refused("the deep-linking response's aud " + claims.getAudience() + " does not name this sandbox ("
                    + properties.issuer() + ")");
        }
        checkTimes(claims);
        expect(claims, LaunchMessages.LTI + "message_type", LaunchMessages.DEEP_LINKING_RESPONSE);
        expect(claims, LaunchMessages.LTI + "version", "1.3.0");
        expect(claims, LaunchMessages.LTI + "deployment_id", tool.deploymentId());
        String placedBy = placedBy(claims);
        List<NewActivity> activities = new ArrayList<>();
        for (Map<String, Object> item : contentItems(claims)) {
            if ("ltiResourceLink".equals(item.get("type"))) {
                activities.add(new NewActivity(title(item), custom(item), item.get("url") instanceof String url ? url : null,
                        item.get("lineItem") instanceof Map<?, ?> lineItem ? JSON.writeValueAsString(lineItem) : null));
            }
        }
        List<SandboxLinks.Link> placed = activities.stream()
                .map(a -> links.add(a.title(), a.custom(), a.url(), a.lineItem())).toList();
        Object message = claims.getClaim(LaunchMessages.DL + "msg");
        Object error = claims.getClaim(LaunchMessages.DL + "errormsg");
        return new Placed(placed, placedBy, error != null ? String.valueOf(error) : message == null ? null : String.valueOf(message));
    }

    private void verifySignature(SignedJWT jwt, ToolRegistrations.ToolRegistration tool) throws Refused {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder().keyType(KeyType.RSA);
        if (jwt.getHeader().getKeyID() != null) {
            matcher.keyID(jwt.getHeader().getKeyID());
        }
        List<JWK> keys;
        try {
            keys = keySource(tool.jwksUri()).get(new JWKSelector(matcher.build()), null);
        } catch (KeySourceException e) {
            throw new Refused("the tool's keys could not be fetched from " + tool.jwksUri() + " (" + e.getMessage() + ")");
        }
        if (keys.isEmpty()) {
            throw new Refused("the deep-linking response is signed with key '" + jwt.getHeader().getKeyID() + "', which "
                    + tool.jwksUri() + " does not publish");
        }
        for (JWK key : keys) {
            try {
                if (jwt.verify(new RSASSAVerifier((RSAKey) key))) {
                    return;
                }
            } catch (JOSEException e) {
                // try the next matching key
            }
        }
        throw new Refused("the deep-linking response's signature does not verify with the keys at " + tool.jwksUri());
    }

    private JWKSource<SecurityContext> keySource(String jwksUri) throws Refused {
        try {
            URL url = URI.create(jwksUri).toURL();
            return keySources.computeIfAbsent(jwksUri, k -> JWKSourceBuilder.create(url, new DefaultResourceRetriever(3_000, 5_000, 512 * 1024))
                    .cache(Duration.ofMinutes(10).toMillis(), 8_000)
                    .rateLimited(Duration.ofSeconds(5).toMillis())
                    .retrying(false)
                    .refreshAheadCache(false)
                    .build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Refused("the tool's registered JWKS URL '" + jwksUri + "' is not a URL");
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws Refused {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || claims.getIssueTime() == null) {
            throw new Refused("the deep-linking response needs both exp and iat");
        }
        if (!claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isAfter(now)) {
            throw new Refused("the deep-linking response expired at " + claims.getExpirationTime().toInstant() + " (now " + now + ")");
        }
        if (claims.getIssueTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new Refused("the deep-linking response was issued in the future (" + claims.getIssueTime().toInstant() + ", now " + now + ")");
        }
    }

    private static void expect(JWTClaimsSet claims, String name, String expected) throws Refused {
        Object value = claims.getClaim(name);
        if (!expected.equals(value)) {
            throw new Refused("the deep-linking response's " + name.substring(name.lastIndexOf('/') + 1) + " is '" + value
                    + "'; the sandbox expects '" + expected + "'");
        }
    }

    /** The instructor the request was made for, from the data the sandbox sent and the tool must return unchanged. */
    private static String placedBy(JWTClaimsSet claims) throws Refused {
        Object data = claims.getClaim(LaunchMessages.DL + "data");
        String prefix = LaunchMessages.DEEP_LINKING_DATA_PREFIX;
        if (!(data instanceof String s) || !s.startsWith(prefix)) {
            throw new Refused("the deep-linking response does not return the data the sandbox sent (" + prefix
                    + "<user id>); the tool must echo deep_linking_settings.data unchanged, was '" + data + "'");
        }
        return SandboxCourse.CUSTOMER_SERVICE.member(s.substring(prefix.length())).map(SandboxCourse.Member::name)
                .orElseThrow(() -> new Refused("the deep-linking response's data names no user of the sandbox course: '" + s + "'"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> contentItems(JWTClaimsSet claims) throws Refused {
        Object items = claims.getClaim(LaunchMessages.DL + "content_items");
        if (items == null) {
            return List.of();
        }
        if (!(items instanceof List<?> list) || !list.stream().allMatch(i -> i instanceof Map)) {
            throw new Refused("the deep-linking response's content_items is not an array of objects");
        }
        return (List<Map<String, Object>>) list;
    }

    private static String title(Map<String, Object> item) {
        return item.get("title") instanceof String t && !t.isBlank() ? t : "Untitled Attest activity";
    }

    private static Map<String, String> custom(Map<String, Object> item) throws Refused {
        Map<String, String> custom = new LinkedHashMap<>();
        if (item.get("custom") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof String)) {
                    throw new Refused("custom parameter '" + e.getKey() + "' of '" + title(item) + "' is not a string; "
                            + "LTI custom parameter values are strings");
                }
                custom.put(String.valueOf(e.getKey()), (String) e.getValue());
            }
        }
        return custom;
    }
}
