package org.attest.tool.lti;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Each platform's published keys, fetched from its JWKS URL, cached, refetched when a token names
 * an unknown {@code kid} (at most once per refresh interval), one cache per platform and URL; so a
 * platform's key rotation costs one fetch. Each key is turned into a signature verifier once (parsing
 * the key into an {@code RSAPublicKey} costs more than the verification itself), kept by platform and
 * key, kid and key material both: a rotated key with a new kid, or the same kid with new material, gets
 * a verifier of its own.
 */
@Component
class PlatformKeySources {

    private final LtiProperties properties;
    private final PlatformHttp http;
    private final Clock clock;
    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    /** A platform's published key (JWK equality: kid, algorithm, use and key material). */
    private record KeyOf(UUID platformId, JWK key) {
    }

    /** At most this many verifiers are kept; a platform publishes a handful of keys. */
    private static final int MAX_VERIFIERS = 1_000;

    private final Cache<KeyOf, JWSVerifier> verifiers = Caffeine.newBuilder().maximumSize(MAX_VERIFIERS).build();
    private final AtomicLong verifiersBuilt = new AtomicLong();

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
        verifiers.asMap().keySet().removeIf(k -> platform.id().equals(k.platformId()));
    }

    /**
     * The verifier of one of the platform's published keys (RSA or EC), built the first time the key is used.
     *
     * @throws JOSEException when the key cannot verify (nothing is kept then)
     */
    JWSVerifier verifier(Platform platform, JWK key) throws JOSEException {
        KeyOf id = new KeyOf(platform.id(), key);
        JWSVerifier known = verifiers.getIfPresent(id);
        if (known != null) {
            return known;
        }
        JWSVerifier built = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
        verifiersBuilt.incrementAndGet();
        verifiers.put(id, built);
        return built;
    }

    /** How many verifiers were built since start-up (for tests: one per key, not one per launch). */
    long verifiersBuilt() {
        return verifiersBuilt.get();
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
