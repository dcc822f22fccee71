package org.attest.tool.lti;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Each platform's published keys, fetched from its JWKS URL, cached, refetched when a token names
 * an unknown {@code kid} (at most once per refresh interval), one cache per platform and URL.
 */
@Component
class PlatformKeySources {

    private final LtiProperties properties;
    private final PlatformHttp http;
    private final Clock clock;
    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    PlatformKeySources(LtiProperties properties, PlatformHttp http, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.clock = clock;
    }

    JWKSource<SecurityContext> forPlatform(Platform platform) {
        return sources.computeIfAbsent(platform.id() + " " + platform.jwksUri(), k -> build(platform));
    }

    /** Forget cached keys (after an admin edits a platform's JWKS URL). */
    void evict(Platform platform) {
        sources.keySet().removeIf(k -> k.startsWith(platform.id().toString()));
    }

    private JWKSource<SecurityContext> build(Platform platform) {
        String jwksUri = platform.jwksUri();
        try {
            long ttl = properties.lti().jwksCacheTtl().toMillis();
            JWKSource<SecurityContext> built = JWKSourceBuilder.create(URI.create(jwksUri).toURL(),
                            http.forPlatform(platform).keyRetriever()) // the egress policy, the platform's origins, the cap
                    .cache(ttl, http.settings().requestTimeout().toMillis())
                    .rateLimited(properties.lti().jwksRefreshInterval().toMillis())
                    .retrying(false)
                    .refreshAheadCache(false)
                    .build();
            if (!(built instanceof JWKSetBasedJWKSource<SecurityContext> keys)) {
                throw new IllegalStateException("unexpected JWK source " + built.getClass().getName());
            }
            JWKSetSource<SecurityContext> keySets = keys.getJWKSetSource();
            return (selector, context) -> select(keySets, selector, context);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS URL '" + jwksUri + "' is not a URL", e);
        }
    }

    /**
     * The cached keys matching the selector; when none match, the keys fetched again, unless they
     * were fetched within the refresh interval: then the kid is simply not published (KEY_UNKNOWN),
     * rather than the platform's keys being unavailable.
     */
    private List<JWK> select(JWKSetSource<SecurityContext> keySets, JWKSelector selector, SecurityContext context)
            throws KeySourceException {
        long now = clock.millis();
        JWKSet known;
        try {
            known = keySets.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
        } catch (RateLimitReachedException e) {
            throw new KeySourceException("no keys are cached and the last attempt was less than "
                    + properties.lti().jwksRefreshInterval().toSeconds() + " s ago", e);
        }
        List<JWK> found = selector.select(known);
        if (!found.isEmpty()) {
            return found;
        }
        try {
            return selector.select(keySets.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(known), now, context));
        } catch (RateLimitReachedException e) {
            return List.of();
        }
    }
}
