package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An outcome reached outside Attest's own assessment (such as a grade in the LMS gradebook) for a
 * learner on some criteria of a unit, for {@link OutsideOutcomes#record}. The portfolio keeps one
 * piece of evidence per source and learner; while the outcome is met it rests MET decisions on that
 * evidence in the name of whoever answers for the source, and when it is no longer met it withdraws
 * what the source decided. The words (evidence title, account, feedback) are the source's own.
 *
 * @param source where the outcome comes from and who answers for it
 * @param learnerName the learner's name when the source knows it, else null
 * @param criterionCodes the criteria of the unit a met outcome meets
 * @param met the outcome meets the criteria (a pass); false when it was lowered or removed
 * @param account what the portfolio records about it
 */
public record OutsideOutcome(Source source, Course course, String learnerSubject, String learnerName, UUID frameworkId,
        String unitCode, List<String> criterionCodes, boolean met, Account account) {

    public OutsideOutcome {
        criterionCodes = List.copyOf(criterionCodes);
    }

    /**
     * @param kind the source the portfolio names on the decisions it makes
     * @param id the outside record the outcome is about; the portfolio keeps one piece of evidence per id and learner
     * @param deciderSubject who answers for the outcome: decisions are theirs and countersigned by their status
     * @param auditDetail what the audit trail records about the source besides its kind (text keys and values)
     */
    public record Source(AssessmentDecision.Source kind, UUID id, String deciderSubject, String deciderName,
            Map<String, String> auditDetail) {

        public Source {
            auditDetail = Collections.unmodifiableMap(new LinkedHashMap<>(auditDetail));
        }
    }

    /**
     * @param title the evidence's title
     * @param text the evidence's account
     * @param occurredAt when the outcome was reached, or null; the evidence's date is never in the future
     * @param feedback the feedback on each decision the outcome makes
     * @param feedbackWhenMetElsewhere the feedback when an outcome no longer met withdraws a criterion that another
     *        record of the same kind still meets (it stays MET, resting on that); null for a met outcome
     */
    public record Account(String title, String text, Instant occurredAt, String feedback, String feedbackWhenMetElsewhere) {
    }

    /** What an outcome did to the learner's portfolio. */
    public enum Effect {
        /** met: MET decisions recorded on at least one criterion */
        MET,
        /** met, and already recorded: nothing changed */
        ALREADY_MET,
        /** no longer met: what this source decided was withdrawn */
        WITHDRAWN,
        /** not met, and nothing of this source was ever recorded for the learner: nothing to withdraw */
        NOTHING_TO_WITHDRAW,
        /** the unit is signed off and locked: nothing changed */
        UNIT_SIGNED_OFF
    }

    /**
     * What {@link OutsideOutcomes#record} did.
     *
     * @param learnerUnitId the learner's unit, null when they have none and the outcome was not met
     * @param met criteria decided MET now
     * @param keptAssessorDecisions criteria whose current decision an assessor made in Attest, left alone
     * @param withdrawn criteria whose MET from this source was withdrawn
     * @param notInUnit codes the learner's version of the unit does not have
     */
    public record Recorded(UUID learnerUnitId, Effect effect, List<String> met, List<String> keptAssessorDecisions,
            List<String> withdrawn, List<String> notInUnit) {

        public Recorded {
            met = List.copyOf(met);
            keptAssessorDecisions = List.copyOf(keptAssessorDecisions);
            withdrawn = List.copyOf(withdrawn);
            notInUnit = List.copyOf(notInUnit);
        }

        static Recorded nothing(UUID learnerUnitId, Effect effect, List<String> notInUnit) {
            return new Recorded(learnerUnitId, effect, List.of(), List.of(), List.of(), notInUnit);
        }
    }
}
