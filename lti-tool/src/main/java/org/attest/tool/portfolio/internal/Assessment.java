package org.attest.tool.portfolio.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.DecisionRecorded;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.UnitProgress;
import org.attest.tool.portfolio.UnitSignedOff;
import org.attest.tool.portfolio.audit.AuditAction;
import org.springframework.stereotype.Service;

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
    private final EvidenceStore evidenceStore;
    private final DecisionStore decisions;
    private final SignatureStore signatures;
    private final LearnerUnitStore learnerUnits;
    private final Assessors assessors;
    private final PortfolioChanges changes;
    private final Clock clock;

    Assessment(LearnerPortfolios portfolios, EvidenceStore evidenceStore,
            DecisionStore decisions, SignatureStore signatures, LearnerUnitStore learnerUnits, Assessors assessors,
            PortfolioChanges changes, Clock clock) {
        this.portfolios = portfolios;
        this.evidenceStore = evidenceStore;
        this.decisions = decisions;
        this.signatures = signatures;
        this.learnerUnits = learnerUnits;
        this.assessors = assessors;
        this.changes = changes;
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

    /** A qualified assessor countersigns an unqualified assessor's decision. */
    public void countersignDecision(LtiPrincipal countersigner, UUID decisionId) {
        changes.inTransaction(() -> {
            AssessmentDecision decision = decisions.decision(decisionId)
                    .orElseThrow(() -> PortfolioRefused.notFound("that decision"));
            LearnerUnit unit = assessableUnit(countersigner, decision.learnerUnitId());
            LearnerPortfolio.requireCountersigner(countersigner, decision.assessorSubject(), qualified(countersigner));
            if (!decisions.countersign(decisionId, countersigner.subject(), countersigner.displayName(), clock.instant())) {
                throw PortfolioRefused.conflict("that decision no longer needs a countersignature: it was countersigned or "
                        + "replaced");
            }
            changes.finish(unit, List.of(Audited.by(countersigner, AuditAction.DECISION_COUNTERSIGNED,
                    Map.of("decision", decisionId.toString(), "criterion", decision.criterionCode(),
                            "assessor", decision.assessorName()))), DecisionRecorded::new);
        });
    }

    /** The learner declares the evidence their own real work. */
    public void signDeclaration(LtiPrincipal learner, UUID learnerUnitId, String typedName) {
        changes.inTransaction(() -> {
            LearnerUnit unit = PortfolioAccess.requireOwn(learner, learnerUnit(learnerUnitId));
            NewSignature declaration = portfolios.of(unit).declare(learner, typedName, clock.instant());
            signatures.sign(declaration);
            changes.finish(unit, List.of(Audited.by(learner, AuditAction.DECLARATION_SIGNED,
                    Map.of("typedName", declaration.typedName()))), null);
        });
    }

    /** The assessor signs the unit off once every rule holds and the learner has declared. */
    public void signOff(LtiPrincipal assessor, UUID learnerUnitId, String typedName) {
        changes.inTransaction(() -> {
            LearnerPortfolio portfolio = assessable(assessor, learnerUnitId);
            NewSignature signOff = portfolio.signOff(assessor, typedName, qualified(assessor), clock.instant());
            signatures.sign(signOff);
            changes.finish(portfolio.unit(), List.of(Audited.by(assessor, AuditAction.UNIT_SIGNED_OFF, Map.of("typedName",
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
            changes.finish(portfolio.unit(), List.of(Audited.by(countersigner, AuditAction.SIGN_OFF_COUNTERSIGNED,
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

    private LearnerPortfolio assessable(LtiPrincipal assessor, UUID learnerUnitId) {
        return portfolios.of(assessableUnit(assessor, learnerUnitId));
    }

    /** The learner unit alone, for a use case whose rule needs no more of the portfolio than its row. */
    private LearnerUnit assessableUnit(LtiPrincipal assessor, UUID learnerUnitId) {
        return PortfolioAccess.requireAssessable(assessor, learnerUnit(learnerUnitId));
    }

    private LearnerUnit learnerUnit(UUID learnerUnitId) {
        return learnerUnits.byId(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
    }
}
