package org.attest.sandbox;

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
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The keys a registered tool publishes at its JWKS URL, fetched and cached (re-fetched, rate-limited,
 * when a JWT names an unknown {@code kid}, as Moodle does), and the one check the sandbox makes of
 * everything the tool signs: deep-linking responses and client assertions.
 */
@Component
@ConditionalOnSandbox
class ToolJwks {

    /** The JWT does not verify; the message says why, starting with what was checked. */
    static final class Unverified extends Exception {
        Unverified(String message) {
            super(message);
        }
    }

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    private final Map<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();
    /** Connect and read timeouts, and a cap on the answer: the sandbox runs on a developer's machine, beside the tool. */
    private final DefaultResourceRetriever retriever = new DefaultResourceRetriever(3_000, 5_000, 512 * 1024);

    /**
     * Checks the algorithm and the signature of {@code jwt} against the keys {@code tool} publishes.
     *
     * @param what how messages name the JWT, such as "the deep-linking response"
     */
    void verify(SignedJWT jwt, ToolRegistrations.ToolRegistration tool, String what) throws Unverified {
        if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
            throw new Unverified(what + " is signed with " + jwt.getHeader().getAlgorithm()
                    + "; the sandbox accepts RS256, RS384 and RS512");
        }
        JWKMatcher.Builder matcher = new JWKMatcher.Builder().keyType(KeyType.RSA);
        if (jwt.getHeader().getKeyID() != null) {
            matcher.keyID(jwt.getHeader().getKeyID());
        }
        List<JWK> keys;
        try {
            keys = keySource(tool.jwksUri()).get(new JWKSelector(matcher.build()), null);
        } catch (RateLimitReachedException e) {
            // the keys were re-fetched moments ago for another unknown kid: this one is not published either
            keys = List.of();
        } catch (KeySourceException e) {
            throw new Unverified("the tool's keys could not be fetched from " + tool.jwksUri() + " (" + e.getMessage() + ")");
        }
        if (keys.isEmpty()) {
            throw new Unverified(what + " is signed with key '" + jwt.getHeader().getKeyID() + "', which "
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
        throw new Unverified(what + "'s signature does not verify with the keys at " + tool.jwksUri());
    }

    private JWKSource<SecurityContext> keySource(String jwksUri) throws Unverified {
        try {
            URL url = URI.create(jwksUri).toURL();
            return keySources.computeIfAbsent(jwksUri, k -> JWKSourceBuilder.create(url, retriever)
                    .cache(Duration.ofMinutes(10).toMillis(), 8_000)
                    .rateLimited(Duration.ofSeconds(5).toMillis())
                    .retrying(false)
                    .refreshAheadCache(false)
                    .build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Unverified("the tool's registered JWKS URL '" + jwksUri + "' is not a URL");
        }
    }
}
