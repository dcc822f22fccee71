package org.attest.tool.lti;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Administration settings under {@code attest.admin.} (docs/configuration.md).
 *
 * @param apiTokenLifetime how long a new API token works unless its maker chooses otherwise
 * @param expiredApiTokensKept how long an expired API token stays listed (as expired) before it is removed
 */
@ConfigurationProperties("attest.admin")
record AdminProperties(
        @DefaultValue("90d") Duration apiTokenLifetime,
        @DefaultValue("30d") Duration expiredApiTokensKept) {

    /** The lifetimes the Frameworks page offers besides the configured one. */
    static final List<Duration> LIFETIMES = List.of(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365));

    public AdminProperties {
        if (apiTokenLifetime.compareTo(Duration.ofMinutes(1)) < 0 || apiTokenLifetime.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("attest.admin.api-token-lifetime must be between 1m and 365d, was "
                    + apiTokenLifetime);
        }
        if (expiredApiTokensKept.isNegative()) {
            throw new IllegalArgumentException("attest.admin.expired-api-tokens-kept must not be negative, was "
                    + expiredApiTokensKept);
        }
    }

    /** The lifetimes an administrator may choose for a new token: 30, 90 and 365 days, and the configured default. */
    public List<Duration> apiTokenLifetimes() {
        return Stream.concat(LIFETIMES.stream(), Stream.of(apiTokenLifetime)).distinct().sorted().toList();
    }
}
