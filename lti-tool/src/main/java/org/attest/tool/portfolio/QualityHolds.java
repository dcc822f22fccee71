package org.attest.tool.portfolio;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.internal.Audited;
import org.attest.tool.portfolio.internal.DecisionStore;
import org.attest.tool.portfolio.internal.LearnerPortfolios;
import org.attest.tool.portfolio.internal.LearnerUnitStore;
import org.attest.tool.portfolio.internal.PortfolioChanges;
import org.attest.tool.portfolio.internal.SignatureStore;
import org.attest.tool.portfolio.internal.UnitSignature;
import org.springframework.stereotype.Service;

/**
 * An internal verifier's hold on a learner's unit: placed when they do not agree with the assessment (the sign-off is
 * withdrawn, the decisions they name stop counting until the assessor decides again, and the unit cannot be complete
 * however it is signed), released when they agree. The quality-assurance module calls it once it has checked that the
 * verifier may verify the unit; the portfolio checks only what its own records show (that the verifier did not assess
 * the unit themselves).
 */
@Service
public class QualityHolds {

    static final int MAX_REASON = 4000;

    /** The internal verifier acting, by their LMS user id and name. */
    public record Verifier(String subject, String name) {
    }

    private final LearnerUnitStore learnerUnits;
    private final LearnerPortfolios portfolios;
    private final DecisionStore decisions;
    private final SignatureStore signatures;
    private final PortfolioChanges changes;
    private final Clock clock;

    QualityHolds(LearnerUnitStore learnerUnits, LearnerPortfolios portfolios, DecisionStore decisions,
            SignatureStore signatures, PortfolioChanges changes, Clock clock) {
        this.learnerUnits = learnerUnits;
        this.portfolios = portfolios;
        this.decisions = decisions;
        this.signatures = signatures;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * The internal verifier does not agree: the unit's sign-off and its countersignature are withdrawn (interim
     * sampling may hold a unit not signed off yet), the current decisions on the criteria named (criterion id to the
     * verifier's reason) no longer count until the assessor decides them again, and the unit is held, never complete,
     * until {@link #release}. A unit already held can be held again, when the verifier looks at the assessor's new
     * judgement and still does not agree: the new sign-off is withdrawn, the criteria now named are flagged too (the
     * earlier flags stay until the assessor decides those criteria again), and the hold carries the new reason.
     */
    public UnitProgress hold(UUID learnerUnitId, Verifier verifier, String reason, Map<UUID, String> criteriaReasons) {
        String why = required(reason, "say why you do not agree with the assessment");
        Map<UUID, String> perCriterion = criteriaReasons == null ? Map.of() : criteriaReasons;
        return changes.inTransaction(() -> {
            LearnerUnit unit = lockedUnit(learnerUnitId);
            List<AssessmentDecision> current = decisions.currentDecisions(unit.id());
            requireNotOwnAssessment(unit, verifier, current);
            Unit model = portfolios.placed(unit).unit();
            Map<String, String> flagged = new LinkedHashMap<>();
            for (Map.Entry<UUID, String> entry : perCriterion.entrySet()) {
                Criterion criterion = model.criteria().filter(c -> c.id().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> PortfolioRefused.invalid("criterion " + entry.getKey() + " is not part of Unit "
                                + unit.unitCode() + " as this learner is assessed on it; choose a criterion of the unit"));
                String criterionReason = required(entry.getValue(), "say why you do not agree on " + criterion.code());
                if (current.stream().noneMatch(d -> d.criterionId().equals(criterion.id()))) {
                    throw PortfolioRefused.invalid(criterion.code() + " has no assessor's decision to disagree with; "
                            + "leave it out of the criteria you name");
                }
                flagged.put(criterion.code(), criterionReason);
            }
            Instant at = clock.instant();
            List<UnitSignature.Kind> withdrawn = signatures.withdrawSignOff(unit.id(), at);
            for (Map.Entry<UUID, String> entry : perCriterion.entrySet()) {
                decisions.flagDisagreed(unit.id(), entry.getKey(), entry.getValue().strip());
            }
            learnerUnits.hold(unit.id(), why, verifier.subject(), verifier.name(), at);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("verifier", verifier.name());
            detail.put("reason", why);
            detail.put("criteria", flagged);
            detail.put("withdrawn", withdrawn.stream().map(Enum::name).toList());
            if (unit.held()) { // the verifier looked again (after the assessor acted) and still does not agree
                detail.put("heldBefore", unit.qualityHoldReason());
            }
            LearnerUnit held = learnerUnits.byId(unit.id()).orElseThrow();
            return changes.finish(held, List.of(new Audited(verifier.subject(), verifier.name(),
                    AuditAction.QUALITY_HOLD_PLACED, detail)), progress -> new QualityHoldChanged(progress, true));
        });
    }

    /**
     * The internal verifier agrees, after the assessor acted or as the lead verifier closes it: the hold goes, and so do
     * the verifier's reasons on any decision the assessor has not decided again. The unit is complete again when its
     * rules and signatures hold.
     */
    public UnitProgress release(UUID learnerUnitId, Verifier verifier, String note) {
        String said = note == null || note.isBlank() ? null : limited(note.strip());
        return changes.inTransaction(() -> {
            LearnerUnit unit = lockedUnit(learnerUnitId);
            if (!unit.held()) {
                throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " of " + unit.learnerName()
                        + " is not held by an internal verifier; there is nothing to release");
            }
            requireNotOwnAssessment(unit, verifier, decisions.currentDecisions(unit.id()));
            int cleared = decisions.clearDisagreements(unit.id());
            learnerUnits.release(unit.id());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("verifier", verifier.name());
            detail.put("heldFor", unit.qualityHoldReason());
            detail.put("note", said);
            detail.put("decisionsAgreed", cleared);
            LearnerUnit released = learnerUnits.byId(unit.id()).orElseThrow();
            return changes.finish(released, List.of(new Audited(verifier.subject(), verifier.name(),
                    AuditAction.QUALITY_HOLD_RELEASED, detail)), progress -> new QualityHoldChanged(progress, false));
        });
    }

    private LearnerUnit lockedUnit(UUID learnerUnitId) {
        LearnerUnit unit = Optional.ofNullable(learnerUnitId).flatMap(learnerUnits::byId)
                .orElseThrow(() -> PortfolioRefused.notFound("that learner's unit"));
        learnerUnits.lock(unit.id());
        return learnerUnits.byId(unit.id()).orElseThrow(); // as it stands now the row is ours
    }

    /** An internal verifier never verifies their own assessment decisions: a current decision or a signature of theirs. */
    private void requireNotOwnAssessment(LearnerUnit unit, Verifier verifier, List<AssessmentDecision> current) {
        if (verifier == null || verifier.subject() == null || verifier.subject().isBlank()) {
            throw PortfolioRefused.invalid("name the internal verifier acting");
        }
        boolean decided = current.stream().anyMatch(d -> verifier.subject().equals(d.assessorSubject()));
        boolean signed = signatures.signatures(unit.id()).stream()
                .anyMatch(s -> s.kind() != UnitSignature.Kind.DECLARATION && verifier.subject().equals(s.signerSubject()));
        if (decided || signed) {
            throw PortfolioRefused.forbidden("An internal verifier never verifies their own assessment decisions: you "
                    + (decided ? "made decisions" : "signed") + " on Unit " + unit.unitCode() + " of " + unit.learnerName()
                    + "; ask another internal verifier");
        }
    }

    private static String required(String text, String refusal) {
        if (text == null || text.isBlank()) {
            throw PortfolioRefused.invalid(refusal);
        }
        return limited(text.strip());
    }

    private static String limited(String text) {
        if (text.length() > MAX_REASON) {
            throw PortfolioRefused.invalid("keep what you write to 4,000 characters at most; nothing was changed");
        }
        return text;
    }
}
