package org.attest.tool.gradebook.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a score one replica's {@link ScoreDelivery} could not deliver. Failures that may pass (no answer,
 * 401, 408, 429, 5xx) are retried with exponential backoff and jitter, until {@code give-up-after}; a 429's
 * {@code Retry-After} holds back every score for that platform from this replica; a 409 re-stamps the score; anything
 * else is marked failed for the centre admin.
 */
final class SendFailures {

    private static final Logger log = LoggerFactory.getLogger(SendFailures.class);
    /** How many later timestamps a score gets when the LMS keeps saying its grade is newer (HTTP 409). */
    static final int MAX_RESTAMPS = 3;

    private final OutboxClaims claims;
    private final ScoreDeliveryProperties properties;
    private final String claimer;
    private final Consumer<Instant> wakeAt;
    private final Map<UUID, Instant> heldBack = new ConcurrentHashMap<>();

    /** @param wakeAt asks the replica to look for due scores at a time, for a re-stamped score not due before its stamp */
    SendFailures(OutboxClaims claims, ScoreDeliveryProperties properties, String claimer, Consumer<Instant> wakeAt) {
        this.claims = claims;
        this.properties = properties;
        this.claimer = claimer;
        this.wakeAt = wakeAt;
    }

    /** Until when the platform asked this replica to hold back its scores; null when it did not. */
    Instant heldBackUntil(UUID platformId) {
        return heldBack.get(platformId);
    }

    /** The platform answered the score with an error, or did not answer. */
    void refused(QueuedScore row, Platform platform, Instant now, PlatformCallFailed e) {
        if (e.status() == 409) {
            refusedAsNotNewer(row, platform, now, e);
            return;
        }
        if (!e.retryable()) {
            log.warn("{} refused the score of user {} for activity {}: {}", platform.name(), row.score().userId(),
                    row.resourceLinkId(), e.getMessage());
            claims.failed(row, claimer, e.status(), e.getMessage());
            return;
        }
        Duration wait = backoff(row.attempts());
        if (e.retryAfter().isPresent()) {
            Duration asked = e.retryAfter().get();
            heldBack.merge(row.platformId(), now.plus(asked), OutboxRows::later);
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        retryOrGiveUp(row, now, wait, e.status(), e.getMessage());
    }

    /** Sending failed inside Attest: tried again like a platform that did not answer. */
    void failedUnexpectedly(QueuedScore row, Instant now, RuntimeException e) {
        log.warn("Sending a score to {} failed unexpectedly", row.resourceLinkId(), e);
        retryOrGiveUp(row, now, backoff(row.attempts()), 0, "unexpected error in Attest: " + e);
    }

    /**
     * HTTP 409: the LMS holds a grade at least as new as this score, in whole seconds (Moodle: two scores
     * within one second, or a teacher's edit of the grade in its gradebook). A score still the newest for
     * its learner and column is stamped later (now rounded up to a whole second, plus 0, 1 or 3 s, and after its own
     * timestamp) and sent again at that time, at most {@link #MAX_RESTAMPS} times; then it waits for the admin.
     */
    private void refusedAsNotNewer(QueuedScore row, Platform platform, Instant now, PlatformCallFailed e) {
        log.warn("{} refused the score of user {} for activity {} stamped {} (re-stamped {} times so far): {}", platform.name(),
                row.score().userId(), row.resourceLinkId(), row.score().timestamp(), row.restamps(), e.getMessage());
        if (row.restamps() >= MAX_RESTAMPS) {
            claims.failed(row, claimer, e.status(), ScoreSemantics.keepsRefusing(platform) + " The LMS said: " + e.getMessage());
            return;
        }
        // Each re-stamp is further ahead (0, 1, 3 s) and is sent no sooner than its own time, so an LMS whose clock runs a
        // few seconds ahead (seen on a real Moodle) still takes the score, and Attest never sends a time still to come.
        Instant stamp = OutboxRows.restamp(now, (1L << row.restamps()) - 1, row.score().timestamp());
        if (!claims.restamp(row, claimer, stamp, e.status(), e.getMessage())) {
            log.info("The refused score of user {} for activity {} was replaced by a newer one, which is sent instead",
                    row.score().userId(), row.resourceLinkId());
        } else {
            wakeAt.accept(OutboxRows.later(stamp, now)); // it is not due before its stamp: a wake now would claim nothing
        }
    }

    private void retryOrGiveUp(QueuedScore row, Instant now, Duration wait, int status, String error) {
        if (row.createdAt().plus(properties.giveUpAfter()).isBefore(now.plus(wait))) {
            claims.failed(row, claimer, status, "gave up after " + (row.attempts() + 1) + " attempts over "
                    + Duration.between(row.createdAt(), now).toHours() + " h; last: " + error);
        } else {
            claims.retryLater(row, claimer, now.plus(wait), status, error);
        }
    }

    /** Exponential from retry-first, capped at retry-max; half fixed, half random, so replicas spread out. */
    Duration backoff(int attemptsSoFar) {
        long first = properties.retryFirst().toMillis();
        long cap = properties.retryMax().toMillis();
        long full = attemptsSoFar >= 30 ? cap : Math.min(cap, first << attemptsSoFar);
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }
}
