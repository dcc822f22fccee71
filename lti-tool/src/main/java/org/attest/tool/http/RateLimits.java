package org.attest.tool.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per client address and per platform for each limited endpoint family,
 * held in memory on this replica. Each family keeps at most {@code attest.rate-limit.max-tracked-keys}
 * buckets per kind; a bucket unused for a whole period is full again anyway, so it is dropped then.
 */
@Component
class RateLimits {

    enum Family { LOGIN, LAUNCH, REGISTRATION, SETUP, EQA_SIGN_IN, WITNESS_LINK }

    /** A request turned away: which limit it met and when the client may try again. */
    record Exceeded(Family family, boolean perPlatform, long retryAfterSeconds) {
    }

    private record Buckets(int capacity, Duration period, Cache<String, Bucket> held) {

        Optional<Long> take(String key) {
            if (capacity == 0 || key == null) {
                return Optional.empty();
            }
            ConsumptionProbe probe = held.get(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                    .build()).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return Optional.empty();
            }
            return Optional.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L)));
        }
    }

    private final boolean enabled;
    private final Map<Family, Buckets> perAddress = new EnumMap<>(Family.class);
    private final Map<Family, Buckets> perPlatform = new EnumMap<>(Family.class);

    RateLimits(RateLimitProperties properties) {
        this.enabled = properties.enabled();
        add(Family.LOGIN, properties.login(), properties.maxTrackedKeys());
        add(Family.LAUNCH, properties.launch(), properties.maxTrackedKeys());
        add(Family.REGISTRATION, properties.registration(), properties.maxTrackedKeys());
        add(Family.SETUP, properties.setup(), properties.maxTrackedKeys());
        add(Family.EQA_SIGN_IN, properties.eqaSignIn(), properties.maxTrackedKeys());
        add(Family.WITNESS_LINK, properties.witnessLink(), properties.maxTrackedKeys());
    }

    /** False when {@code attest.rate-limit.enabled=false}: nothing is counted. */
    boolean enabled() {
        return enabled;
    }

    private void add(Family family, RateLimitProperties.Limit limit, int maxKeys) {
        perAddress.put(family, new Buckets(limit.perAddress(), limit.period(), cache(limit.period(), maxKeys)));
        perPlatform.put(family, new Buckets(limit.perPlatform(), limit.period(), cache(limit.period(), maxKeys)));
    }

    private static Cache<String, Bucket> cache(Duration period, int maxKeys) {
        return Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /** Takes one request from the address's bucket, then from the platform's; empty when both had room. */
    Optional<Exceeded> take(Family family, String address, String platform) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<Long> addressWait = perAddress.get(family).take(address);
        if (addressWait.isPresent()) {
            return Optional.of(new Exceeded(family, false, addressWait.get()));
        }
        return perPlatform.get(family).take(platform).map(wait -> new Exceeded(family, true, wait));
    }

    /** How many buckets this replica holds for a family, addresses and platforms together (for tests and metrics). */
    long bucketsHeld(Family family) {
        perAddress.get(family).held().cleanUp();
        perPlatform.get(family).held().cleanUp();
        return perAddress.get(family).held().estimatedSize() + perPlatform.get(family).held().estimatedSize();
    }
}
