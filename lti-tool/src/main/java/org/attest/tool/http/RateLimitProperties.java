package org.attest.tool.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits under {@code attest.rate-limit.} on the endpoints anyone may call without signing in.
 * Each limit is a bucket of {@code per-address} (or {@code per-platform}) requests that refills
 * evenly over {@code period}, so a whole class launching at once fits in the burst. Buckets live in
 * memory on each replica.
 *
 * @param enabled false turns every limit off
 * @param maxTrackedKeys how many addresses and platforms each limit remembers; the least recently
 *     seen are forgotten first, so addresses made up by an attacker cannot fill the memory
 * @param login {@code /lti/login} (default 1000 per address, 6000 per platform a minute); the platform
 *     is the {@code iss} and {@code client_id} parameters
 * @param launch {@code /lti/launch} (default 1000 per address, 6000 per platform a minute); the platform
 *     is the {@code iss} of the id_token, read before its signature is checked
 * @param registration {@code /lti/register} and one-time registration URLs (default 10 per address, 30
 *     per platform an hour); the platform is the host of {@code openid_configuration}
 * @param setup the operator's setup links {@code /admin/setup/...} (default 10 per address an hour)
 * @param eqaSignIn external verifiers' one-time sign-in links {@code /eqa/...} (default 30 per address an hour;
 *     each link also locks itself after 5 wrong access codes)
 * @param witnessLink witnesses' one-time confirmation links {@code /witness/...} (default 30 per address an hour)
 */
@ConfigurationProperties("attest.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000") int maxTrackedKeys,
        Limit login,
        Limit launch,
        Limit registration,
        Limit setup,
        Limit eqaSignIn,
        Limit witnessLink) {

    /**
     * One endpoint family's limits; a part not set takes the family's default.
     *
     * @param perAddress requests one client address may make per period (IPv6: per /64 network); 0 for no limit
     * @param perPlatform requests per period for one platform, from all addresses together; 0 for no limit
     * @param period the time in which a used-up bucket fills again
     */
    record Limit(Integer perAddress, Integer perPlatform, Duration period) {

        Limit withDefaults(int address, int platform, Duration everyPeriod) {
            Limit limit = new Limit(perAddress == null ? address : perAddress, perPlatform == null ? platform : perPlatform,
                    period == null ? everyPeriod : period);
            if (limit.perAddress() < 0 || limit.perPlatform() < 0) {
                throw new IllegalArgumentException("attest.rate-limit.*.per-address and per-platform must be 0 (no limit) "
                        + "or more; were " + limit.perAddress() + " and " + limit.perPlatform());
            }
            if (limit.period().isNegative() || limit.period().isZero()) {
                throw new IllegalArgumentException("attest.rate-limit.*.period must be longer than 0, such as 1m; was "
                        + limit.period());
            }
            return limit;
        }
    }

    private static final Limit NOT_SET = new Limit(null, null, null);

    RateLimitProperties {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("attest.rate-limit.max-tracked-keys must be at least 1, such as 100000; was "
                    + maxTrackedKeys);
        }
        login = (login == null ? NOT_SET : login).withDefaults(1000, 6000, Duration.ofMinutes(1));
        launch = (launch == null ? NOT_SET : launch).withDefaults(1000, 6000, Duration.ofMinutes(1));
        registration = (registration == null ? NOT_SET : registration).withDefaults(10, 30, Duration.ofHours(1));
        setup = (setup == null ? NOT_SET : setup).withDefaults(10, 0, Duration.ofHours(1));
        eqaSignIn = (eqaSignIn == null ? NOT_SET : eqaSignIn).withDefaults(30, 0, Duration.ofHours(1));
        witnessLink = (witnessLink == null ? NOT_SET : witnessLink).withDefaults(30, 0, Duration.ofHours(1));
    }
}
