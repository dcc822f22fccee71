package org.attest.tool.gradebook.scores;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scores in the outbox are delivered, under {@code attest.gradebook.delivery.} (docs/configuration.md).
 *
 * @param enabled false stops this replica delivering (scores still queue, and another replica delivers them)
 * @param concurrency scores in flight at once from this replica
 * @param batchSize scores claimed per round; a claim is released if the replica stops before sending it
 * @param pollInterval how often an idle replica looks for due scores (a new score also wakes it at once)
 * @param claimTimeout a claimed score another replica may take over when its claimer has not finished by then
 * @param retryFirst wait before the first retry; each further retry waits twice as long, with jitter
 * @param retryMax the longest wait between retries
 * @param giveUpAfter a score still failing this long after it was queued is marked failed for a person to look at
 * @param keepFinished delivered and superseded scores are kept this long for the admin page, then removed
 */
@ConfigurationProperties("attest.gradebook.delivery")
record ScoreDeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("48") int concurrency,
        @DefaultValue("256") int batchSize,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("10s") Duration retryFirst,
        @DefaultValue("1h") Duration retryMax,
        @DefaultValue("3d") Duration giveUpAfter,
        @DefaultValue("14d") Duration keepFinished) {

    ScoreDeliveryProperties {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("attest.gradebook.delivery.concurrency must be 1 to 256, was " + concurrency);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("attest.gradebook.delivery.batch-size must be 1 to 10000, was " + batchSize);
        }
        for (Duration d : new Duration[] {pollInterval, claimTimeout, retryFirst, retryMax, giveUpAfter, keepFinished}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("attest.gradebook.delivery durations must be above 0s, was " + d);
            }
        }
        if (retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("attest.gradebook.delivery.retry-max (" + retryMax
                    + ") must not be shorter than retry-first (" + retryFirst + ")");
        }
    }
}
