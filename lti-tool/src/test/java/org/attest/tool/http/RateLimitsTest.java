package org.attest.tool.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.attest.tool.http.RateLimits.Family;
import org.junit.jupiter.api.Test;

/** The buckets themselves, without HTTP: their number stays bounded whatever addresses a client makes up. */
class RateLimitsTest {

    @Test
    void madeUpAddressesAndPlatformsCannotGrowTheBucketsBeyondTheBound() {
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit(5, 5, Duration.ofHours(1));
        RateLimits limits = new RateLimits(new RateLimitProperties(true, 100, limit, limit, limit, limit, limit, limit));

        for (int i = 0; i < 20_000; i++) {
            limits.take(Family.LOGIN, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "https://lms-" + i + ".example");
        }

        assertThat(limits.bucketsHeld(Family.LOGIN)).isLessThanOrEqualTo(200);
    }

    @Test
    void anAddressOverItsLimitIsToldHowLongToWait() {
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit(2, 0, Duration.ofMinutes(10));
        RateLimits limits = new RateLimits(new RateLimitProperties(true, 100, limit, limit, limit, limit, limit, limit));

        assertThat(limits.take(Family.SETUP, "192.0.2.1", null)).isEmpty();
        assertThat(limits.take(Family.SETUP, "192.0.2.1", null)).isEmpty();

        assertThat(limits.take(Family.SETUP, "192.0.2.1", null)).hasValueSatisfying(e -> {
            assertThat(e.perPlatform()).isFalse();
            assertThat(e.retryAfterSeconds()).isBetween(290L, 300L); // one request back every 5 minutes
        });
        assertThat(limits.take(Family.SETUP, "192.0.2.2", null)).isEmpty();
    }

    @Test
    void turnedOffNothingIsLimited() {
        RateLimitProperties.Limit limit = new RateLimitProperties.Limit(1, 1, Duration.ofHours(1));
        RateLimits limits = new RateLimits(new RateLimitProperties(false, 100, limit, limit, limit, limit, limit, limit));

        for (int i = 0; i < 10; i++) {
            assertThat(limits.take(Family.LAUNCH, "192.0.2.1", "https://lms.example")).isEmpty();
        }
    }
}
