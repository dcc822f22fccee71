package org.attest.tool.portfolio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.Audited;
import org.attest.tool.portfolio.internal.CriterionDecisions;
import org.attest.tool.portfolio.internal.DecisionStore;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.LearnerPortfolio;
import org.attest.tool.portfolio.internal.LearnerPortfolios;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.NewSignature;
import org.attest.tool.portfolio.internal.SignatureStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What assessors and learners sign and decide: the assessor's review of evidence (confirming or
 * rejecting the learner's claims), criterion decisions with feedback, countersignatures of
 * unqualified assessors' work, the learner's declaration and the unit sign-off. The rules are
 * {@link LearnerPortfolio}'s; each use case here stores what they return and finishes the change
 * through {@link PortfolioChanges} (audited, counted, announced for the gradebook).
 */
@Service
public class Assessment {

    /** A decision the assessor records on one criterion while reviewing evidence. */
    public record DecisionInput(Outcome outcome, String feedback) {
    }

    private final LearnerPortfolios portfolios;
    private final LearnerUnitStore learnerUnitStore;
    private final EvidenceStore evidenceStore;
    private final DecisionStore decisions;
    private final SignatureStore signatures;
    private final LearnerUnits learnerUnits;
    private final Assessors assessors;
    private final PortfolioAudit audit;
    private final PortfolioChanges changes;
    private final GradebookEvidence gradebookEvidence;
    private final Clock clock;

    Assessment(LearnerPortfolios portfolios, LearnerUnitStore learnerUnitStore, EvidenceStore evidenceStore,
            DecisionStore decisions, SignatureStore signatures, LearnerUnits learnerUnits, Assessors assessors,
            PortfolioAudit audit, PortfolioChanges changes, GradebookEvidence gradebookEvidence, Clock clock) {
        this.portfolios = portfolios;
        this.learnerUnitStore = learnerUnitStore;
        this.evidenceStore = evidenceStore;
        this.decisions = decisions;
        this.signatures = signatures;
        this.learnerUnits = learnerUnits;
        this.assessors = assessors;
        this.audit = audit;
        this.changes = changes;
        this.gradebookEvidence = gradebookEvidence;
        this.clock = clock;
    }

    /**
     * An assessor's review of one piece of evidence: a verdict on each claim, and decisions on the
     * criteria it bears on. A MET decision relies on all current evidence confirmed for that criterion.
     */
    public void review(LtiPrincipal assessor, UUID evidenceId, Map<UUID, MappingStatus> verdicts,
            Map<UUID, DecisionInput> inputs) {
        changes.inTransaction(() -> {
            Evidence reviewed = evidenceStore.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
            LearnerPortfolio portfolio = assessable(assessor, reviewed.learnerUnitId());
            LearnerPortfolio.Review review = portfolio.review(assessor, reviewed, verdicts, inputs, qualified(assessor),
                    clock.instant());
            review.verdicts().forEach(v -> evidenceStore.review(reviewed.id(), v.itemId(), v.status(), assessor.subject(),
                    assessor.displayName(), clock.instant()));
            if (review.assessed()) {
                evidenceStore.markAssessed(reviewed.id());
            }
            review.decisions().forEach(decisions::record);
            changes.finish(portfolio.unit(), review.audit(), DecisionRecorded::new);
        });
    }

    /**
     * Turns a learner's grade on an assessment task in the LMS gradebook into decisions (source
     * GRADEBOOK), by the tutor who set the task and subject to countersignature by their qualified
     * status. A pass records evidence of it (see {@link GradebookEvidence}) and MET on each of the
     * task's criteria, starting the learner's portfolio for the unit if they have none; a grade
     * lowered below the pass mark or removed withdraws what this task's pass decided: a NOT_YET
     * decision supersedes each MET that rested on it, unless another task passed in the gradebook
     * still holds the criterion, which is then decided MET on that. A current decision an assessor
     * made in Attest is never changed, a signed-off unit is left as it is, and the same grade again
     * changes nothing.
     */
    @Transactional
    public GradebookGrade.Applied recordFromGradebook(GradebookGrade grade) {
        Optional<LearnerUnit> found = grade.passed()
                ? Optional.of(learnerUnits.openFor(grade.course(), grade.learnerSubject(), grade.learnerName(),
                        grade.frameworkId(), grade.unitCode()))
                : learnerUnits.find(grade.course(), grade.learnerSubject(), grade.frameworkId(), grade.unitCode());
        if (found.isEmpty()) {
            return new GradebookGrade.Applied(null, GradebookGrade.Effect.NOTHING_TO_WITHDRAW, List.of(), List.of(), List.of(),
                    List.of());
        }
        LearnerUnit unit = found.get();
        // Two tasks' grades for one learner may be applied at once (on two replicas): one after the other, so each
        // criterion keeps a single current decision.
        learnerUnitStore.lock(unit.id());
        if (signatures.signatures(unit.id()).stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF)) {
            return new GradebookGrade.Applied(unit.id(), GradebookGrade.Effect.UNIT_SIGNED_OFF, List.of(), List.of(), List.of(),
                    List.of());
        }
        Unit model = learnerUnits.placed(unit).unit();
        List<Criterion> criteria = new ArrayList<>();
        List<String> notInUnit = new ArrayList<>();
        for (String code : grade.criterionCodes()) {
            model.criteria().filter(c -> c.code().equals(code)).findFirst().ifPresentOrElse(criteria::add, () -> notInUnit.add(code));
        }
        return grade.passed() ? gradebookPass(grade, unit, model, criteria, notInUnit)
                : gradebookWithdrawal(grade, unit, model, criteria, notInUnit);
    }

    private GradebookGrade.Applied gradebookPass(GradebookGrade grade, LearnerUnit unit, Unit model, List<Criterion> criteria,
            List<String> notInUnit) {
        Optional<UUID> before = evidenceStore.gradebookEvidence(unit.id(), grade.taskId()).map(Evidence::id);
        Evidence evidence = gradebookEvidence.recordPass(grade, unit, model, criteria);
        List<Evidence> current = evidenceStore.currentEvidence(unit.id());
        List<AssessmentDecision> previous = decisions.currentDecisions(unit.id());
        DecisionInput met = new DecisionInput(Outcome.MET, "Passed the assessment task \"" + grade.taskTitle()
                + "\" in the LMS gradebook: " + grade.grade() + " (pass mark " + grade.passMark() + ").");
        List<String> decided = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Criterion criterion : criteria) {
            Optional<AssessmentDecision> now = previous.stream().filter(d -> d.criterionId().equals(criterion.id())).findFirst();
            if (now.isPresent() && now.get().source() == AssessmentDecision.Source.ASSESSOR) {
                kept.add(criterion.code());
            } else if (now.isEmpty() || now.get().outcome() != Outcome.MET || now.get().needsReview()
                    || !now.get().evidenceReliedOn().contains(evidence.id())) {
                decide(grade.assessorSubject(), grade.assessorName(), unit, criterion, met, AssessmentDecision.Source.GRADEBOOK,
                        current, previous);
                decided.add(criterion.code());
            }
        }
        if (!decided.isEmpty() || !before.equals(Optional.of(evidence.id()))) {
            announceDecisions(unit);
        }
        return new GradebookGrade.Applied(unit.id(), decided.isEmpty() ? GradebookGrade.Effect.ALREADY_MET : GradebookGrade.Effect.MET,
                decided, kept, List.of(), notInUnit);
    }

    private GradebookGrade.Applied gradebookWithdrawal(GradebookGrade grade, LearnerUnit unit, Unit model,
            List<Criterion> criteria, List<String> notInUnit) {
        Optional<Evidence> evidence = evidenceStore.gradebookEvidence(unit.id(), grade.taskId());
        if (evidence.isEmpty()) {
            return new GradebookGrade.Applied(unit.id(), GradebookGrade.Effect.NOTHING_TO_WITHDRAW, List.of(), List.of(), List.of(),
                    notInUnit);
        }
        Set<UUID> versions = evidenceStore.gradebookEvidenceVersions(unit.id(), grade.taskId());
        boolean evidenceChanged = gradebookEvidence.recordWithdrawal(grade, unit, model, evidence.get());
        List<Evidence> current = evidenceStore.currentEvidence(unit.id());
        List<AssessmentDecision> previous = decisions.currentDecisions(unit.id());
        String why = grade.grade() == null ? "the grade for \"" + grade.taskTitle() + "\" was removed from the LMS gradebook"
                : "the LMS gradebook now shows " + grade.grade() + " for \"" + grade.taskTitle() + "\", below the pass mark "
                        + grade.passMark();
        List<String> withdrawn = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Criterion criterion : criteria) {
            Optional<AssessmentDecision> now = previous.stream().filter(d -> d.criterionId().equals(criterion.id())).findFirst();
            if (now.isPresent() && now.get().source() == AssessmentDecision.Source.ASSESSOR) {
                kept.add(criterion.code());
                continue;
            }
            if (now.isEmpty() || now.get().outcome() != Outcome.MET
                    || now.get().evidenceReliedOn().stream().noneMatch(versions::contains)) {
                continue; // not this task's pass
            }
            boolean heldByAnotherTask = current.stream().anyMatch(e -> e.fromGradebook() && !versions.contains(e.id())
                    && e.mappings().stream().anyMatch(m -> m.itemId().equals(criterion.id()) && m.status() == MappingStatus.CONFIRMED));
            DecisionInput input = heldByAnotherTask
                    ? new DecisionInput(Outcome.MET, "Met by another assessment task passed in the LMS gradebook; " + why + ".")
                    : new DecisionInput(Outcome.NOT_YET, "No longer met: " + why + ".");
            decide(grade.assessorSubject(), grade.assessorName(), unit, criterion, input, AssessmentDecision.Source.GRADEBOOK,
                    current, previous);
            withdrawn.add(criterion.code());
        }
        if (evidenceChanged || !withdrawn.isEmpty()) {
            announceDecisions(unit);
        }
        return new GradebookGrade.Applied(unit.id(), evidenceChanged || !withdrawn.isEmpty() ? GradebookGrade.Effect.WITHDRAWN
                : GradebookGrade.Effect.NOTHING_TO_WITHDRAW, List.of(), kept, withdrawn, notInUnit);
    }

    private void announceDecisions(LearnerUnit unit) {
        changes.finish(unit, List.of(), DecisionRecorded::new);
    }

    /** Records a decision on one criterion by the assessor named, at once; the previous decision on it is superseded. */
    private void decide(String assessorSubject, String assessorName, LearnerUnit unit, Criterion criterion, DecisionInput input,
            AssessmentDecision.Source source, List<Evidence> currentEvidence, List<AssessmentDecision> currentDecisions) {
        CriterionDecisions.decide(unit, assessorSubject, assessorName, criterion, input, source,
                assessors.qualified(unit.course().platformId(), assessorSubject), currentEvidence, currentDecisions,
                clock.instant())
                .ifPresent(decision -> {
                    decisions.record(decision);
                    Audited audited = decision.audited();
                    audit.record(audited.actorSubject(), audited.actorName(), unit, audited.action(), audited.detail());
                });
    }

    /** A qualified assessor countersigns an unqualified assessor's decision. */
    public void countersignDecision(LtiPrincipal countersigner, UUID decisionId) {
        changes.inTransaction(() -> {
            AssessmentDecision decision = decisions.decision(decisionId)
                    .orElseThrow(() -> PortfolioRefused.notFound("that decision"));
            LearnerPortfolio portfolio = assessable(countersigner, decision.learnerUnitId());
            LearnerPortfolio.requireCountersigner(countersigner, decision.assessorSubject(), qualified(countersigner));
            if (!decisions.countersign(decisionId, countersigner.subject(), countersigner.displayName(), clock.instant())) {
                throw PortfolioRefused.conflict("that decision no longer needs a countersignature: it was countersigned or "
                        + "replaced");
            }
            changes.finish(portfolio.unit(), List.of(by(countersigner, AuditAction.DECISION_COUNTERSIGNED,
                    Map.of("decision", decisionId.toString(), "criterion", decision.criterionCode(),
                            "assessor", decision.assessorName()))), DecisionRecorded::new);
        });
    }

    /** The learner declares the evidence their own real work. */
    public void signDeclaration(LtiPrincipal learner, UUID learnerUnitId, String typedName) {
        changes.inTransaction(() -> {
            LearnerUnit unit = PortfolioAccess.requireOwn(learner, learnerUnits.visible(learner, learnerUnitId));
            NewSignature declaration = portfolios.of(unit).declare(learner, typedName, clock.instant());
            signatures.sign(declaration);
            changes.finish(unit, List.of(by(learner, AuditAction.DECLARATION_SIGNED,
                    Map.of("typedName", declaration.typedName()))), null);
        });
    }

    /** The assessor signs the unit off once every rule holds and the learner has declared. */
    public void signOff(LtiPrincipal assessor, UUID learnerUnitId, String typedName) {
        changes.inTransaction(() -> {
            LearnerPortfolio portfolio = assessable(assessor, learnerUnitId);
            NewSignature signOff = portfolio.signOff(assessor, typedName, qualified(assessor), clock.instant());
            signatures.sign(signOff);
            changes.finish(portfolio.unit(), List.of(by(assessor, AuditAction.UNIT_SIGNED_OFF, Map.of("typedName",
                    signOff.typedName(), "countersignatureNeeded", signOff.needsCountersignature()))), Assessment::ifComplete);
        });
    }

    /** A qualified assessor countersigns an unqualified assessor's sign-off. */
    public void countersignSignOff(LtiPrincipal countersigner, UUID learnerUnitId, String typedName) {
        changes.inTransaction(() -> {
            LearnerPortfolio portfolio = assessable(countersigner, learnerUnitId);
            NewSignature countersignature = portfolio.countersignSignOff(countersigner, typedName, qualified(countersigner),
                    clock.instant());
            signatures.sign(countersignature);
            changes.finish(portfolio.unit(), List.of(by(countersigner, AuditAction.SIGN_OFF_COUNTERSIGNED,
                    Map.of("typedName", countersignature.typedName(), "assessor", portfolio.signOffSigner()))),
                    Assessment::ifComplete);
        });
    }

    public boolean qualified(LtiPrincipal assessor) {
        return assessor.platformId() != null && assessors.qualified(assessor.platformId(), assessor.subject());
    }

    private static UnitSignedOff ifComplete(UnitProgress progress) {
        return progress.complete() ? new UnitSignedOff(progress) : null;
    }

    private static Audited by(LtiPrincipal actor, AuditAction action,
            Map<String, Object> detail) {
        return new Audited(actor.subject(), actor.displayName(), action, detail);
    }

    private LearnerPortfolio assessable(LtiPrincipal assessor, UUID learnerUnitId) {
        LearnerPortfolio portfolio = portfolios.byId(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
        PortfolioAccess.requireAssessable(assessor, portfolio.unit());
        return portfolio;
    }
}
