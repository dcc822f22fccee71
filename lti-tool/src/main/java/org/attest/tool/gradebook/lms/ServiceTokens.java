package org.attest.tool.gradebook.lms;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.SigningKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for a platform's services (AGS, NRPS): the OAuth 2 client credentials grant with a
 * JWT client assertion signed by the tool's key (RFC 7523, as the 1EdTech Security Framework asks).
 * A token is kept per platform and scope set until shortly before it expires, and callers asking
 * for the same one at once share a single request, so a batch of scores costs one token request.
 */
@Component
class ServiceTokens {

    static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** When a platform leaves out expires_in; a 401 before then drops the token anyway. */
    private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Key(String issuer, String clientId, String tokenEndpoint, String scopes) {
    }

    private record Token(String value, Instant refreshAt) {
    }

    private final PlatformHttp http;
    private final SigningKeys toolKeys;
    private final GradebookProperties properties;
    private final Clock clock;
    private final ConcurrentMap<Key, CompletableFuture<Token>> tokens = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    ServiceTokens(PlatformHttp http, @Qualifier("tool") SigningKeys toolKeys, GradebookProperties properties, Clock clock) {
        this.http = http;
        this.toolKeys = toolKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A bearer token for these scopes at this platform, from the cache while it has more than
     * {@code attest.gradebook.token-refresh-margin} to live, otherwise fetched.
     */
    public String token(Platform platform, Set<String> scopes) throws PlatformCallFailed {
        Key key = key(platform, scopes);
        while (true) {
            CompletableFuture<Token> pending = tokens.get(key);
            if (pending == null) {
                CompletableFuture<Token> mine = new CompletableFuture<>();
                pending = tokens.putIfAbsent(key, mine);
                if (pending == null) {
                    return fetchInto(mine, key, platform).value();
                }
            }
            Token token = await(pending, platform, key);
            if (token.refreshAt().isAfter(clock.instant())) {
                return token.value();
            }
            tokens.remove(key, pending); // expiring: the next turn of the loop fetches, once for all callers
        }
    }

    /** Forgets the token for these scopes, so the next call fetches a new one (after the platform answered 401). */
    public void invalidate(Platform platform, Set<String> scopes) {
        tokens.remove(key(platform, scopes));
    }

    /**
     * Forgets the token only if it is still the one the platform refused, so that many calls
     * refused at once cause one new token request, not one each.
     */
    void invalidate(Platform platform, Set<String> scopes, String refused) {
        Key key = key(platform, scopes);
        CompletableFuture<Token> pending = tokens.get(key);
        if (pending != null && pending.isDone() && !pending.isCompletedExceptionally()
                && pending.getNow(null).value().equals(refused)) {
            tokens.remove(key, pending);
        }
    }

    /** How many token requests were sent since start, for benchmarks and the admin page. */
    long requestCount() {
        return requests.get();
    }

    private Token fetchInto(CompletableFuture<Token> mine, Key key, Platform platform) throws PlatformCallFailed {
        try {
            Token token = fetch(platform, key);
            mine.complete(token);
            return token;
        } catch (PlatformCallFailed | RuntimeException e) {
            tokens.remove(key, mine); // a failure is shared with those waiting now, not cached
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Token await(CompletableFuture<Token> pending, Platform platform, Key key) throws PlatformCallFailed {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallFailed("interrupted while waiting for a service token from " + platform.describe(),
                    0, true, null, key.tokenEndpoint(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PlatformCallFailed failed) {
                throw failed;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Token fetch(Platform platform, Key key) throws PlatformCallFailed {
        String what = "the service token request (scopes " + key.scopes() + ")";
        String url = key.tokenEndpoint();
        if (url == null || url.isBlank()) {
            throw new PlatformCallFailed(what + " at " + platform.describe() + " failed: the platform has no token "
                    + "endpoint registered; add it on the platform's admin page", 0, false, null, url, null);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("client_assertion", assertion(platform));
        form.put("scope", key.scopes());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        requests.incrementAndGet();
        PlatformHttp.Response response;
        try {
            response = http.forPlatform(platform).post(url, "application/x-www-form-urlencoded", body, "application/json", null);
        } catch (PlatformHttp.Unreachable e) {
            throw PlatformCallFailed.unreachable(platform, what, url, e);
        }
        if (!response.ok()) {
            throw PlatformCallFailed.answered(platform, what, url, response, refusalHint(response), clock);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw PlatformCallFailed.unusable(platform, what, url, "is not JSON: " + response.excerpt());
        }
        JsonNode accessToken = answer.path("access_token");
        if (!accessToken.isString() || accessToken.asString().isBlank()) {
            throw PlatformCallFailed.unusable(platform, what, url, "has no access_token: " + response.excerpt());
        }
        Duration lifetime = answer.path("expires_in").isNumber() && answer.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(answer.path("expires_in").asLong()) : ASSUMED_LIFETIME;
        // A margin longer than the token's life would mean fetching on every call: keep it for half its life then.
        Duration keep = lifetime.compareTo(properties.tokenRefreshMargin()) > 0
                ? lifetime.minus(properties.tokenRefreshMargin()) : lifetime.dividedBy(2);
        return new Token(accessToken.asString(), clock.instant().plus(keep));
    }

    private String assertion(Platform platform) {
        Instant now = clock.instant();
        return toolKeys.sign(new JWTClaimsSet.Builder()
                .issuer(platform.clientId())
                .subject(platform.clientId())
                .audience(platform.tokenEndpoint())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.assertionLifetime())))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** What an administrator can do about the usual OAuth refusals. */
    private static String refusalHint(PlatformHttp.Response response) {
        String error = "";
        try {
            JsonNode body = JSON.readTree(response.body() == null ? "" : response.body());
            error = body.path("error").isString() ? body.path("error").asString() : "";
        } catch (JacksonException notJson) {
            // the status alone will have to do
        }
        return switch (error) {
            case "invalid_client" -> "the platform did not accept Attest's signed client assertion: check that the tool's "
                    + "registration in the LMS has Attest's client id and its JWKS URL (/.well-known/jwks.json)";
            case "invalid_scope" -> "the platform does not allow these services for this tool: enable Assignment and "
                    + "Grade Services and Names and Role Provisioning in the tool's settings in the LMS";
            default -> "";
        };
    }

    private static Key key(Platform platform, Set<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a service token needs at least one scope");
        }
        return new Key(platform.issuer(), platform.clientId(), platform.tokenEndpoint(), String.join(" ", new TreeSet<>(scopes)));
    }
}
