package org.attest.tool.portfolio.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;

/**
 * Everything the completion rules look at for one learner on one unit, read in one go: the
 * learner's current evidence (superseded versions left out) with its mappings, the current
 * decision per criterion, the signatures, and why an internal verifier holds the unit (null when none does).
 */
public record PortfolioSnapshot(List<EvidenceFacts> evidence, List<DecisionFacts> decisions, Signatures signatures,
        String qualityHoldReason) {

    public static final PortfolioSnapshot EMPTY = new PortfolioSnapshot(List.of(), List.of(), Signatures.NONE);

    /** A portfolio no internal verifier holds. */
    public PortfolioSnapshot(List<EvidenceFacts> evidence, List<DecisionFacts> decisions, Signatures signatures) {
        this(evidence, decisions, signatures, null);
    }

    public PortfolioSnapshot {
        evidence = List.copyOf(evidence);
        decisions = List.copyOf(decisions);
    }

    /**
     * One piece of evidence as the rules see it.
     *
     * @param occasion the date of the occasion the evidence comes from
     * @param customerReference who the customer was, as the learner recorded it (anonymised); null when none
     * @param simulated the evidence comes from a simulation, not real work
     * @param mappings criterion or range item id to the state of the learner's claim
     */
    public record EvidenceFacts(UUID id, String title, LocalDate occasion, String customerReference, boolean simulated,
            Set<AssessmentMethod> methods, Map<UUID, MappingStatus> mappings) {

        public EvidenceFacts {
            methods = Set.copyOf(methods);
            mappings = Map.copyOf(mappings);
        }
    }

    /**
     * The current decision on one criterion.
     *
     * @param countersignatureNeeded the assessor is flagged unqualified, so a qualified assessor must countersign
     * @param countersigned a qualified assessor has countersigned it
     * @param needsReview the criterion changed in a newer version of the unit; the assessor must look again
     * @param evidenceReliedOn the evidence the assessor based the decision on
     * @param verifierDisagreed the internal verifier's reason for not agreeing; null when none disagreed
     */
    public record DecisionFacts(UUID criterionId, Outcome outcome, boolean countersignatureNeeded, boolean countersigned,
            boolean needsReview, Set<UUID> evidenceReliedOn, String verifierDisagreed) {

        public DecisionFacts {
            evidenceReliedOn = Set.copyOf(evidenceReliedOn);
        }

        public DecisionFacts(UUID criterionId, Outcome outcome, boolean countersignatureNeeded, boolean countersigned,
                boolean needsReview, Set<UUID> evidenceReliedOn) {
            this(criterionId, outcome, countersignatureNeeded, countersigned, needsReview, evidenceReliedOn, null);
        }
    }

    /**
     * @param learnerDeclared the learner signed the declaration that the evidence is their own real work
     * @param assessorSignedOff an assessor signed the unit off
     * @param signOffCountersignatureNeeded the signing assessor is flagged unqualified
     * @param signOffCountersigned a qualified assessor countersigned the sign-off
     */
    public record Signatures(boolean learnerDeclared, boolean assessorSignedOff, boolean signOffCountersignatureNeeded,
            boolean signOffCountersigned) {

        public static final Signatures NONE = new Signatures(false, false, false, false);
    }
}
