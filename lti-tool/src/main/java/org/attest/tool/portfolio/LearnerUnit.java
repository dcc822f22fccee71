package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.UUID;

/**
 * One learner working towards one unit in one course, with the completion engine's last verdict.
 *
 * @param versionId the framework version the learner is assessed against
 * @param awaitingReview mappings the learner claimed that no assessor has looked at yet
 */
public record LearnerUnit(UUID id, Course course, String learnerSubject, String learnerName, UUID frameworkId,
        String unitCode, UUID versionId, int criteriaMet, int criteriaTotal, boolean readyForSignOff, boolean complete,
        int awaitingReview, Instant lastActivityAt) {

    public int percent() {
        return criteriaTotal == 0 ? 0 : criteriaMet * 100 / criteriaTotal;
    }
}
