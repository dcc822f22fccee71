package org.attest.tool.portfolio.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.LearnerUnit;

/** Everything a page shows about one learner's unit, read together. */
public record PortfolioView(LearnerUnit learnerUnit, Framework framework, Unit unit, CompletionReport report,
        List<Evidence> evidence, List<AssessmentDecision> decisions, List<UnitSignature> signatures) {

    /** The view a learner reads when the internal verifier's reasons are for the assessor only. */
    public PortfolioView withoutVerifierReasons() {
        return new PortfolioView(learnerUnit, framework, unit, report.withoutVerifierReasons(), evidence, decisions, signatures);
    }

    public Optional<AssessmentDecision> decision(UUID criterionId) {
        return decisions.stream().filter(d -> d.criterionId().equals(criterionId)).findFirst();
    }

    public Optional<UnitSignature> signature(UnitSignature.Kind kind) {
        return signatures.stream().filter(s -> s.kind() == kind).findFirst();
    }

    public boolean declared() {
        return signature(UnitSignature.Kind.DECLARATION).isPresent();
    }

    public boolean signedOff() {
        return signature(UnitSignature.Kind.SIGN_OFF).isPresent();
    }

    /** An unqualified assessor signed the unit off and no qualified assessor has countersigned yet. */
    public boolean signOffAwaitsCountersignature() {
        return signature(UnitSignature.Kind.SIGN_OFF).filter(UnitSignature::needsCountersignature).isPresent()
                && signature(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE).isEmpty();
    }

    public boolean signedOffBy(String subject) {
        return signature(UnitSignature.Kind.SIGN_OFF).filter(s -> s.signerSubject().equals(subject)).isPresent();
    }

    /** Current evidence mapped (claimed or confirmed) to a criterion or range item. */
    public List<Evidence> evidenceFor(UUID itemId) {
        return evidence.stream()
                .filter(e -> e.mappings().stream().anyMatch(m -> m.itemId().equals(itemId) && m.status() != MappingStatus.REJECTED))
                .toList();
    }

    /** The statement of the criterion or range item a mapping names, as this version of the unit prints it. */
    public String statement(Evidence.Mapping mapping) {
        return unit.criteria().filter(c -> c.id().equals(mapping.itemId())).map(org.attest.standards.Criterion::statement)
                .findFirst()
                .orElseGet(() -> unit.rangeItems().filter(r -> r.id().equals(mapping.itemId()))
                        .map(org.attest.standards.RangeItem::statement).findFirst().orElse(""));
    }

    public Optional<Evidence.Mapping> mapping(Evidence e, UUID itemId) {
        return e.mappings().stream().filter(m -> m.itemId().equals(itemId)).findFirst();
    }
}
