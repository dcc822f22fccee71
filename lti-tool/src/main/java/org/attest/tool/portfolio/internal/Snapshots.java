package org.attest.tool.portfolio.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attest.tool.portfolio.AssessmentDecision;

/** What the completion rules look at, taken from a portfolio's records. */
final class Snapshots {

    private Snapshots() {
    }

    static PortfolioSnapshot of(String qualityHoldReason, List<Evidence> evidence, List<AssessmentDecision> decisions, List<UnitSignature> signatures) {
        List<PortfolioSnapshot.EvidenceFacts> facts = evidence.stream()
                .map(e -> new PortfolioSnapshot.EvidenceFacts(e.id(), e.title(), e.occasionDate(), e.customerReference(),
                        e.simulated(), e.methods(), e.mappings().stream()
                                .collect(Collectors.toMap(Evidence.Mapping::itemId, Evidence.Mapping::status, (a, b) -> a))))
                .toList();
        List<PortfolioSnapshot.DecisionFacts> decided = decisions.stream()
                .map(d -> new PortfolioSnapshot.DecisionFacts(d.criterionId(), d.outcome(), d.countersignatureNeeded(),
                        d.countersignedAt() != null, d.needsReview(), d.evidenceReliedOn(), d.verifierDisagreed()))
                .toList();
        Map<UnitSignature.Kind, UnitSignature> byKind = signatures.stream()
                .collect(Collectors.toMap(UnitSignature::kind, s -> s, (a, b) -> b));
        UnitSignature signOff = byKind.get(UnitSignature.Kind.SIGN_OFF);
        PortfolioSnapshot.Signatures signed = new PortfolioSnapshot.Signatures(
                byKind.containsKey(UnitSignature.Kind.DECLARATION), signOff != null,
                signOff != null && signOff.needsCountersignature(),
                byKind.containsKey(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE));
        return new PortfolioSnapshot(facts, decided, signed, qualityHoldReason);
    }
}
