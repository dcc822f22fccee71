package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.UUID;

/**
 * One learner working towards one unit in one course, with the completion engine's last verdict.
 *
 * @param versionId the framework version the learner is assessed against
 * @param awaitingReview mappings the learner claimed that no assessor has looked at yet
 * @param qualityHoldReason why an internal verifier holds the unit (it cannot be complete meanwhile); null when not held
 */
public record LearnerUnit(UUID id, Course course, String learnerSubject, String learnerName, UUID frameworkId,
        String unitCode, UUID versionId, int criteriaMet, int criteriaTotal, boolean readyForSignOff, boolean complete,
        int awaitingReview, Instant lastActivityAt, String qualityHoldReason) {

    /** A learner unit no internal verifier holds. */
    public LearnerUnit(UUID id, Course course, String learnerSubject, String learnerName, UUID frameworkId, String unitCode,
            UUID versionId, int criteriaMet, int criteriaTotal, boolean readyForSignOff, boolean complete, int awaitingReview,
            Instant lastActivityAt) {
        this(id, course, learnerSubject, learnerName, frameworkId, unitCode, versionId, criteriaMet, criteriaTotal,
                readyForSignOff, complete, awaitingReview, lastActivityAt, null);
    }

    /** An internal verifier did not agree and has not released the unit yet. */
    public boolean held() {
        return qualityHoldReason != null;
    }

    public int percent() {
        return criteriaTotal == 0 ? 0 : criteriaMet * 100 / criteriaTotal;
    }
}
