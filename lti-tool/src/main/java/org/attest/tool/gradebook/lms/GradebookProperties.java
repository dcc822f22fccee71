package org.attest.tool.gradebook.lms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gradebook settings under {@code attest.gradebook.} (documented in docs/configuration.md).
 *
 * @param tokenRefreshMargin a service token is fetched again this long before the platform says it expires
 * @param assertionLifetime how long the signed client assertion in a token request is valid (at most 5 minutes)
 * @param maxPages most pages of line items, results or members read in one call, against a platform that pages forever
 * @param gradePullInterval how often each assessment task's grades are read back from the LMS; 0 reads them only on
 *        launches and when a tutor asks
 * @param rosterRefreshInterval an instructor's launch reads the course roster again only when the last read began longer ago
 */
@ConfigurationProperties("attest.gradebook")
public record GradebookProperties(
        @DefaultValue("60s") Duration tokenRefreshMargin,
        @DefaultValue("5m") Duration assertionLifetime,
        @DefaultValue("1000") int maxPages,
        @DefaultValue("5m") Duration gradePullInterval,
        @DefaultValue("10m") Duration rosterRefreshInterval) {

    public GradebookProperties {
        if (tokenRefreshMargin.isNegative()) {
            throw new IllegalArgumentException("attest.gradebook.token-refresh-margin may not be negative, was " + tokenRefreshMargin);
        }
        if (assertionLifetime.isNegative() || assertionLifetime.isZero() || assertionLifetime.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("attest.gradebook.assertion-lifetime must be more than 0s and at most 5m, was "
                    + assertionLifetime);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("attest.gradebook.max-pages must be at least 1, was " + maxPages);
        }
        if (gradePullInterval.isNegative() || (!gradePullInterval.isZero() && gradePullInterval.compareTo(Duration.ofMinutes(1)) < 0)) {
            throw new IllegalArgumentException("attest.gradebook.grade-pull-interval must be 0 (off) or at least 1m, was "
                    + gradePullInterval);
        }
        if (rosterRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("attest.gradebook.roster-refresh-interval may not be negative, was "
                    + rosterRefreshInterval);
        }
    }

    static GradebookProperties defaults() {
        return new GradebookProperties(Duration.ofSeconds(60), Duration.ofMinutes(5), 1000, Duration.ofMinutes(5),
                Duration.ofMinutes(10));
    }
}
