package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.portfolio.internal.Outcome;

/**
 * An assessor's judgement on one criterion for one learner. A later decision on the same criterion
 * supersedes it; it is never edited apart from its countersignature and review flag.
 *
 * @param evidenceReliedOn the evidence versions the judgement rests on
 * @param countersignatureNeeded the assessor was flagged unqualified when deciding
 * @param needsReview the criterion changed in a newer version of the unit since the decision
 * @param verifierDisagreed the internal verifier's reason for not agreeing with this decision, which then no longer
 *        counts until the assessor decides again; null when no verifier disagreed
 */
public record AssessmentDecision(UUID id, UUID learnerUnitId, UUID criterionId, String criterionCode, Outcome outcome,
        String feedback, Set<UUID> evidenceReliedOn, Source source, String assessorSubject, String assessorName,
        boolean countersignatureNeeded, String countersignedByName, Instant countersignedAt, boolean needsReview,
        Instant decidedAt, String verifierDisagreed) {

    /** A decision no internal verifier disagreed with. */
    public AssessmentDecision(UUID id, UUID learnerUnitId, UUID criterionId, String criterionCode, Outcome outcome,
            String feedback, Set<UUID> evidenceReliedOn, Source source, String assessorSubject, String assessorName,
            boolean countersignatureNeeded, String countersignedByName, Instant countersignedAt, boolean needsReview,
            Instant decidedAt) {
        this(id, learnerUnitId, criterionId, criterionCode, outcome, feedback, evidenceReliedOn, source, assessorSubject,
                assessorName, countersignatureNeeded, countersignedByName, countersignedAt, needsReview, decidedAt, null);
    }

    /** Who made the decision: an assessor in Attest, or a grade read back from the LMS gradebook. */
    public enum Source {
        ASSESSOR,
        GRADEBOOK
    }

    public AssessmentDecision {
        evidenceReliedOn = Set.copyOf(evidenceReliedOn);
    }

    public boolean awaitingCountersignature() {
        return countersignatureNeeded && countersignedAt == null;
    }
}
