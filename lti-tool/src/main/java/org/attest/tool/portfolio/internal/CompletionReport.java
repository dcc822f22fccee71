package org.attest.tool.portfolio.internal;

import java.util.List;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.RangeItem;

/**
 * What the completion rules found for one learner on one unit, in plain sentences.
 *
 * @param complete every rule holds, signatures included
 * @param readyForSignOff every rule holds apart from the signatures, so the unit can be signed off
 * @param criteriaMet criteria whose decision counts (MET, countersigned where needed, not awaiting review)
 * @param criteriaTotal criteria in the unit
 * @param criteria status of each criterion, in unit order
 * @param range status of each range item, in unit order
 * @param missing what is still missing, one plain sentence each ("224.2.4 has no assessed evidence")
 */
public record CompletionReport(boolean complete, boolean readyForSignOff, int criteriaMet, int criteriaTotal,
        List<CriterionStatus> criteria, List<RangeStatus> range, List<String> missing) {

    public CompletionReport {
        criteria = List.copyOf(criteria);
        range = List.copyOf(range);
        missing = List.copyOf(missing);
    }

    /** What a learner reads where the internal verifier's reasons stay between verifier and assessor. */
    static final String VERIFIER_ASKED = "the internal verifier asked the assessor to look at this again";
    static final String HOLD_FOR_LEARNER = "the internal verifier has not yet agreed; your assessor is acting on their feedback";

    /**
     * The same report with the internal verifier's own words left out: the criteria they did not agree on and the hold
     * still show, as facts, but what they wrote to the assessor does not (a centre's IQA feedback is for the assessor).
     */
    public CompletionReport withoutVerifierReasons() {
        java.util.Map<String, String> replaced = new java.util.HashMap<>();
        List<CriterionStatus> redacted = criteria.stream().map(s -> {
            if (s.state() != CriterionState.VERIFIER_DISAGREED) {
                return s;
            }
            String plain = s.criterion().code() + ": " + VERIFIER_ASKED;
            replaced.put(s.explanation(), plain);
            return new CriterionStatus(s.criterion(), s.state(), plain);
        }).toList();
        List<String> plainMissing = missing.stream()
                .map(m -> m.startsWith(Completion.HOLD) ? HOLD_FOR_LEARNER : replaced.getOrDefault(m, m)).toList();
        return new CompletionReport(complete, readyForSignOff, criteriaMet, criteriaTotal, redacted, range, plainMissing);
    }

    /** Progress as a whole percentage of criteria met (0 for a unit without criteria). */
    public int percent() {
        return criteriaTotal == 0 ? 0 : criteriaMet * 100 / criteriaTotal;
    }

    /** What the learner must do, in unit order. */
    public List<CriterionStatus> performanceCriteria() {
        return ofKind(CriterionKind.PERFORMANCE);
    }

    /** What the learner must know, in unit order. */
    public List<CriterionStatus> knowledgeCriteria() {
        return ofKind(CriterionKind.KNOWLEDGE);
    }

    /** Assessment criteria (RQF units), in unit order. */
    public List<CriterionStatus> assessmentCriteria() {
        return ofKind(CriterionKind.ASSESSMENT);
    }

    private List<CriterionStatus> ofKind(CriterionKind kind) {
        return criteria.stream().filter(s -> s.criterion().kind() == kind).toList();
    }

    /** Where one criterion stands. */
    public enum CriterionState {
        /** No evidence mapped to it. */
        NO_EVIDENCE,
        /** Evidence claimed by the learner, not yet assessed. */
        CLAIMED,
        /** Evidence assessed, no decision or NOT_YET. */
        NOT_YET,
        /** MET by an unqualified assessor; waits for a countersignature. */
        AWAITING_COUNTERSIGNATURE,
        /** MET, but the criterion changed in a newer version of the unit. */
        NEEDS_REVIEW,
        /** MET, but the internal verifier did not agree; the assessor must decide it again. */
        VERIFIER_DISAGREED,
        /** MET and the decision counts. */
        MET
    }

    public record CriterionStatus(Criterion criterion, CriterionState state, String explanation) {
    }

    /** A range item and whether assessed evidence covers it (or a learner only claims so). */
    public record RangeStatus(RangeItem item, boolean covered, boolean claimed) {
    }
}
