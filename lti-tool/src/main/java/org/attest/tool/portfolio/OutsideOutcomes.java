package org.attest.tool.portfolio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.internal.Assessment;
import org.attest.tool.portfolio.internal.Assessors;
import org.attest.tool.portfolio.internal.Audited;
import org.attest.tool.portfolio.internal.CriterionDecisions;
import org.attest.tool.portfolio.internal.DecisionStore;
import org.attest.tool.portfolio.internal.Evidence;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.LearnerPortfolio;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.MappingStatus;
import org.attest.tool.portfolio.internal.NewDecision;
import org.attest.tool.portfolio.internal.Outcome;
import org.attest.tool.portfolio.internal.PortfolioChanges;
import org.attest.tool.portfolio.internal.SignatureStore;
import org.springframework.stereotype.Service;

/**
 * Records outcomes reached outside Attest's own assessment (see {@link OutsideOutcome}) in learners'
 * portfolios, as decisions by whoever answers for the source, subject to countersignature by their
 * qualified status.
 */
@Service
public class OutsideOutcomes {

    private final LearnerUnitStore learnerUnitStore;
    private final EvidenceStore evidenceStore;
    private final DecisionStore decisions;
    private final SignatureStore signatures;
    private final LearnerUnits learnerUnits;
    private final OutsideEvidence evidence;
    private final Assessors assessors;
    private final PortfolioChanges changes;
    private final Clock clock;

    OutsideOutcomes(LearnerUnitStore learnerUnitStore, EvidenceStore evidenceStore, DecisionStore decisions,
            SignatureStore signatures, LearnerUnits learnerUnits, OutsideEvidence evidence, Assessors assessors,
            PortfolioChanges changes, Clock clock) {
        this.learnerUnitStore = learnerUnitStore;
        this.evidenceStore = evidenceStore;
        this.decisions = decisions;
        this.signatures = signatures;
        this.learnerUnits = learnerUnits;
        this.evidence = evidence;
        this.assessors = assessors;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * A met outcome records evidence of it and MET on each of its criteria, starting the learner's
     * portfolio for the unit if they have none; an outcome no longer met withdraws what this source
     * decided: a NOT_YET decision supersedes each MET that rested on it, unless another record of the
     * same kind still meets the criterion, which is then decided MET on that. A current decision an
     * assessor made in Attest is never changed, a signed-off unit is left as it is, and the same
     * outcome again changes nothing.
     */
    public OutsideOutcome.Recorded record(OutsideOutcome outcome) {
        return changes.inTransaction(() -> recordInTransaction(outcome));
    }

    private OutsideOutcome.Recorded recordInTransaction(OutsideOutcome outcome) {
        Optional<LearnerUnit> found = outcome.met()
                ? Optional.of(learnerUnits.openFor(outcome.course(), outcome.learnerSubject(), outcome.learnerName(),
                        outcome.frameworkId(), outcome.unitCode()))
                : learnerUnits.find(outcome.course(), outcome.learnerSubject(), outcome.frameworkId(), outcome.unitCode());
        if (found.isEmpty()) {
            return OutsideOutcome.Recorded.nothing(null, OutsideOutcome.Effect.NOTHING_TO_WITHDRAW, List.of());
        }
        LearnerUnit unit = found.get();
        // Two sources' outcomes for one learner may be recorded at once (on two replicas): one after the other, so
        // each criterion keeps a single current decision.
        learnerUnitStore.lock(unit.id());
        if (LearnerPortfolio.signedOff(signatures.signatures(unit.id()))) {
            return OutsideOutcome.Recorded.nothing(unit.id(), OutsideOutcome.Effect.UNIT_SIGNED_OFF, List.of());
        }
        Unit model = learnerUnits.placed(unit).unit();
        List<Criterion> criteria = new ArrayList<>();
        List<String> notInUnit = new ArrayList<>();
        for (String code : outcome.criterionCodes()) {
            model.criteria().filter(c -> c.code().equals(code)).findFirst().ifPresentOrElse(criteria::add, () -> notInUnit.add(code));
        }
        return outcome.met() ? met(outcome, unit, model, criteria, notInUnit)
                : noLongerMet(outcome, unit, model, criteria, notInUnit);
    }

    private OutsideOutcome.Recorded met(OutsideOutcome outcome, LearnerUnit unit, Unit model, List<Criterion> criteria,
            List<String> notInUnit) {
        Optional<Evidence> before = evidence.current(unit, outcome.source());
        OutsideEvidence.Written written = evidence.recordMet(outcome, unit, model, criteria, before);
        UUID recorded = written.evidenceId();
        List<Audited> audited = new ArrayList<>(written.audited());
        boolean qualified = qualified(outcome, unit);
        List<Evidence> current = evidenceStore.currentEvidence(unit.id());
        List<AssessmentDecision> previous = decisions.currentDecisions(unit.id());
        Assessment.DecisionInput met = new Assessment.DecisionInput(Outcome.MET, outcome.account().feedback());
        List<String> decided = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Criterion criterion : criteria) {
            Optional<AssessmentDecision> now = currentOn(previous, criterion);
            if (now.isPresent() && now.get().source() == AssessmentDecision.Source.ASSESSOR) {
                kept.add(criterion.code());
            } else if (now.isEmpty() || now.get().outcome() != Outcome.MET || now.get().needsReview()
                    || !now.get().evidenceReliedOn().contains(recorded)) {
                decide(outcome, unit, criterion, met, qualified, current, previous).ifPresent(audited::add);
                decided.add(criterion.code());
            }
        }
        if (!decided.isEmpty() || !before.map(Evidence::id).equals(Optional.of(recorded))) {
            changes.finish(unit, audited, DecisionRecorded::new);
        }
        return new OutsideOutcome.Recorded(unit.id(), decided.isEmpty() ? OutsideOutcome.Effect.ALREADY_MET
                : OutsideOutcome.Effect.MET, decided, kept, List.of(), notInUnit);
    }

    private OutsideOutcome.Recorded noLongerMet(OutsideOutcome outcome, LearnerUnit unit, Unit model, List<Criterion> criteria,
            List<String> notInUnit) {
        Optional<Evidence> recorded = evidence.current(unit, outcome.source());
        if (recorded.isEmpty()) {
            return OutsideOutcome.Recorded.nothing(unit.id(), OutsideOutcome.Effect.NOTHING_TO_WITHDRAW, notInUnit);
        }
        Set<UUID> versions = evidence.versions(unit, outcome.source());
        List<Audited> audited = new ArrayList<>(evidence.recordNoLongerMet(outcome, unit, model, recorded.get()));
        boolean evidenceChanged = !audited.isEmpty();
        boolean qualified = qualified(outcome, unit);
        List<Evidence> current = evidenceStore.currentEvidence(unit.id());
        List<AssessmentDecision> previous = decisions.currentDecisions(unit.id());
        List<String> withdrawn = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Criterion criterion : criteria) {
            Optional<AssessmentDecision> now = currentOn(previous, criterion);
            if (now.isPresent() && now.get().source() == AssessmentDecision.Source.ASSESSOR) {
                kept.add(criterion.code());
                continue;
            }
            if (now.isEmpty() || now.get().outcome() != Outcome.MET
                    || now.get().evidenceReliedOn().stream().noneMatch(versions::contains)) {
                continue; // not this source's decision
            }
            boolean metElsewhere = current.stream().anyMatch(e -> e.fromGradebook() && !versions.contains(e.id())
                    && e.mappings().stream().anyMatch(m -> m.itemId().equals(criterion.id()) && m.status() == MappingStatus.CONFIRMED));
            Assessment.DecisionInput input = metElsewhere
                    ? new Assessment.DecisionInput(Outcome.MET, outcome.account().feedbackWhenMetElsewhere())
                    : new Assessment.DecisionInput(Outcome.NOT_YET, outcome.account().feedback());
            decide(outcome, unit, criterion, input, qualified, current, previous).ifPresent(audited::add);
            withdrawn.add(criterion.code());
        }
        if (evidenceChanged || !withdrawn.isEmpty()) {
            changes.finish(unit, audited, DecisionRecorded::new);
        }
        return new OutsideOutcome.Recorded(unit.id(), evidenceChanged || !withdrawn.isEmpty() ? OutsideOutcome.Effect.WITHDRAWN
                : OutsideOutcome.Effect.NOTHING_TO_WITHDRAW, List.of(), kept, withdrawn, notInUnit);
    }

    /** Whether whoever answers for the source is a qualified assessor: their decisions need no countersignature. */
    private boolean qualified(OutsideOutcome outcome, LearnerUnit unit) {
        return assessors.qualified(unit.course().platformId(), outcome.source().deciderSubject());
    }

    /**
     * Records a decision on one criterion in the name of whoever answers for the source, superseding the previous one;
     * its audit entry, for {@link PortfolioChanges#finish}, or empty when it is the same decision again.
     */
    private Optional<Audited> decide(OutsideOutcome outcome, LearnerUnit unit, Criterion criterion,
            Assessment.DecisionInput input, boolean qualified, List<Evidence> current, List<AssessmentDecision> previous) {
        OutsideOutcome.Source source = outcome.source();
        Optional<NewDecision> decision = CriterionDecisions.decide(unit, source.deciderSubject(), source.deciderName(),
                criterion, input, source.kind(), qualified, current, previous, clock.instant());
        decision.ifPresent(decisions::record);
        return decision.map(NewDecision::audited);
    }

    private static Optional<AssessmentDecision> currentOn(List<AssessmentDecision> decisions, Criterion criterion) {
        return decisions.stream().filter(d -> d.criterionId().equals(criterion.id())).findFirst();
    }
}
