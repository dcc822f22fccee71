package org.attest.tool.portfolio.internal.files;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweep of evidence files no row refers to, under {@code attest.files.orphan-sweep.} (docs/configuration.md).
 *
 * @param enabled whether this replica takes part in sweeping
 * @param interval how often one replica sweeps
 * @param grace how old a file must be before it may go: longer than any upload takes from store to commit
 */
@ConfigurationProperties("attest.files.orphan-sweep")
record SweepProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("6h") Duration interval,
        @DefaultValue("24h") Duration grace) {

    SweepProperties {
        if (grace.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("attest.files.orphan-sweep.grace must be at least 1h, longer than an upload "
                    + "takes from store to commit, such as 24h; was " + grace);
        }
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("attest.files.orphan-sweep.interval must be at least 1m, such as 6h; was "
                    + interval);
        }
    }
}
