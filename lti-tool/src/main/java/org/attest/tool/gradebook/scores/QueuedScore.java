package org.attest.tool.gradebook.scores;

import java.time.Instant;
import java.util.UUID;
import org.attest.tool.gradebook.lms.Score;

/**
 * A score in the outbox, on its way to one activity's column for one learner.
 *
 * @param attempts delivery attempts so far
 * @param lastStatus the platform's HTTP status at the last attempt, 0 when it did not answer, null before any
 * @param restamps how many times the score was given a later timestamp because the LMS held a newer grade (HTTP 409)
 */
public record QueuedScore(UUID id, UUID platformId, String resourceLinkId, UUID learnerUnitId, Reason reason, Score score,
        State state, int attempts, Instant nextAttemptAt, Integer lastStatus, String lastError, Instant createdAt,
        Instant finishedAt, int restamps) {

    /** What made Attest send the score. */
    public enum Reason { EVIDENCE_SUBMITTED, PROGRESS, SIGNED_OFF }

    public enum State {
        /** Waiting to be sent, or being sent. */
        PENDING,
        /** The platform took it. */
        DELIVERED,
        /** The platform refused it for a reason retrying will not change, or retries ran out: a person must look. */
        FAILED,
        /** A newer score for the same learner and column replaced it before it was sent. */
        SUPERSEDED
    }
}
