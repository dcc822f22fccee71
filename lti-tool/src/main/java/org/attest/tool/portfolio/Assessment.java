package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What assessors and learners sign and decide: the assessor's review of evidence (confirming or
 * rejecting the learner's claims), criterion decisions with feedback, countersignatures of
 * unqualified assessors' work, the learner's declaration and the unit sign-off. Each change is
 * audited, recomputes the learner's completion and announces itself for the gradebook.
 */
@Service
public class Assessment {

    static final String DECLARATION = "I declare that the evidence in this portfolio is my own work, gathered in my real "
            + "job with real customers, and that any witness named is a genuine witness of it.";
    static final String SIGN_OFF = "I confirm that the learner has met every criterion and covered the range of this "
            + "unit, that the evidence is valid, authentic, current and sufficient, and that I assessed it.";
    static final String COUNTERSIGNATURE = "As a qualified assessor I countersign this sign-off by an assessor working "
            + "towards their qualification.";

    /** A decision the assessor records on one criterion while reviewing evidence. */
    public record DecisionInput(Outcome outcome, String feedback) {
    }

    /** Evidence waiting for an assessor: claims nobody has confirmed or rejected yet. */
    public record QueuedEvidence(UUID evidenceId, String title, LocalDate occasionDate, Instant submittedAt,
            UUID learnerUnitId, String learnerName, String unitCode, int claims) {
    }

    /** A decision or sign-off of an unqualified assessor waiting for a qualified countersignature. */
    public record PendingCountersignature(UUID id, Kind kind, UUID learnerUnitId, String learnerName, String unitCode,
            String criterionCode, Outcome outcome, String feedback, String assessorName, Instant at) {

        public enum Kind {
            DECISION,
            SIGN_OFF
        }
    }

    private final JdbcClient jdbc;
    private final PortfolioReads reads;
    private final LearnerUnits learnerUnits;
    private final Assessors assessors;
    private final PortfolioAudit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Assessment(JdbcClient jdbc, PortfolioReads reads, LearnerUnits learnerUnits, Assessors assessors,
            PortfolioAudit audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.learnerUnits = learnerUnits;
        this.assessors = assessors;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An assessor's review of one piece of evidence: a verdict on each claim, and decisions on the
     * criteria it bears on. A MET decision relies on all current evidence confirmed for that criterion.
     */
    @Transactional
    public void review(LtiPrincipal assessor, UUID evidenceId, Map<UUID, MappingStatus> verdicts,
            Map<UUID, DecisionInput> decisions) {
        Evidence evidence = reads.evidence(evidenceId).orElseThrow(() -> PortfolioRefused.notFound("that evidence"));
        LearnerUnit unit = assessable(assessor, evidence.learnerUnitId());
        if (!evidence.current()) {
            throw PortfolioRefused.conflict("the learner has made a newer version of this evidence; review that one");
        }
        if (reads.signatures(unit.id()).stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF)) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is signed off; its decisions can no longer change");
        }
        Unit model = learnerUnits.placed(unit).unit();
        Timestamp now = Timestamp.from(clock.instant());
        List<String> confirmed = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Map.Entry<UUID, MappingStatus> verdict : verdicts.entrySet()) {
            if (verdict.getValue() == MappingStatus.CLAIMED) {
                continue;
            }
            Evidence.Mapping mapping = evidence.mappings().stream().filter(m -> m.itemId().equals(verdict.getKey()))
                    .findFirst().orElseThrow(() -> PortfolioRefused.invalid("the learner did not map this evidence to that item"));
            if (mapping.status() != verdict.getValue()) {
                jdbc.sql("""
                        UPDATE evidence_mapping SET status = ?, reviewed_by = ?, reviewed_by_name = ?, reviewed_at = ?
                        WHERE evidence_id = ? AND item_id = ?""")
                        .params(verdict.getValue().name(), assessor.subject(), assessor.displayName(), now, evidence.id(),
                                mapping.itemId())
                        .update();
                (verdict.getValue() == MappingStatus.CONFIRMED ? confirmed : rejected).add(mapping.code());
            }
        }
        // Assessed once the assessor has judged something on it; a review saved with every claim left for later changes nothing.
        boolean judged = !confirmed.isEmpty() || !rejected.isEmpty()
                || evidence.mappings().stream().anyMatch(m -> m.status() != MappingStatus.CLAIMED)
                || decisions.values().stream().anyMatch(d -> d != null && d.outcome() != null);
        if (judged) {
            jdbc.sql("UPDATE evidence SET status = 'ASSESSED' WHERE id = ?").param(evidence.id()).update();
        }
        if (!confirmed.isEmpty()) {
            audit.record(assessor, unit, AuditAction.MAPPING_CONFIRMED,
                    Map.of("evidence", evidence.id().toString(), "items", confirmed));
        }
        if (!rejected.isEmpty()) {
            audit.record(assessor, unit, AuditAction.MAPPING_REJECTED,
                    Map.of("evidence", evidence.id().toString(), "items", rejected));
        }
        // Read once after the verdicts above: every decision rests on the evidence as now confirmed.
        List<Evidence> current = reads.currentEvidence(unit.id());
        List<AssessmentDecision> previous = reads.currentDecisions(unit.id());
        for (Map.Entry<UUID, DecisionInput> entry : decisions.entrySet()) {
            if (entry.getValue() == null || entry.getValue().outcome() == null) {
                continue;
            }
            Criterion criterion = model.criteria().filter(c -> c.id().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> PortfolioRefused.invalid("that criterion is not part of Unit " + unit.unitCode()));
            decide(assessor.subject(), assessor.displayName(), unit, criterion, entry.getValue(),
                    AssessmentDecision.Source.ASSESSOR, current, previous);
        }
        events.publishEvent(new DecisionRecorded(learnerUnits.refresh(unit.id())));
    }

    /**
     * Records a decision on one criterion by the assessor named; the previous decision on it is superseded.
     * Package-private for {@link OutsideOutcomes}, which decides in the name of an outside source's assessor.
     */
    void decide(String assessorSubject, String assessorName, LearnerUnit unit, Criterion criterion, DecisionInput input,
            AssessmentDecision.Source source, List<Evidence> currentEvidence, List<AssessmentDecision> currentDecisions) {
        Set<UUID> reliedOn = new LinkedHashSet<>();
        for (Evidence e : currentEvidence) {
            if (e.mappings().stream().anyMatch(m -> m.itemId().equals(criterion.id()) && m.status() == MappingStatus.CONFIRMED)) {
                reliedOn.add(e.id());
            }
        }
        if (input.outcome() == Outcome.MET && reliedOn.isEmpty()) {
            throw PortfolioRefused.invalid(criterion.code() + " cannot be met without evidence: confirm evidence the learner "
                    + "mapped to it first");
        }
        String feedback = input.feedback() == null || input.feedback().isBlank() ? null : input.feedback().strip();
        if (feedback != null && feedback.length() > 4000) {
            throw PortfolioRefused.invalid("feedback on " + criterion.code() + " is longer than 4,000 characters");
        }
        Optional<AssessmentDecision> previous = currentDecisions.stream()
                .filter(d -> d.criterionId().equals(criterion.id())).findFirst();
        if (previous.isPresent() && previous.get().outcome() == input.outcome()
                && java.util.Objects.equals(previous.get().feedback(), feedback)
                && previous.get().evidenceReliedOn().equals(reliedOn) && !previous.get().needsReview()
                && previous.get().assessorSubject().equals(assessorSubject)) {
            return; // the same decision again: nothing to record
        }
        boolean qualified = assessors.qualified(unit.course().platformId(), assessorSubject);
        jdbc.sql("UPDATE assessment_decision SET is_current = FALSE WHERE learner_unit_id = ? AND criterion_id = ? AND is_current = TRUE")
                .params(unit.id(), criterion.id()).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO assessment_decision (id, learner_unit_id, criterion_id, criterion_code, outcome, feedback,
                    evidence_relied_on, source, assessor_subject, assessor_name, countersignature_needed, needs_review,
                    is_current, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, TRUE, ?)""")
                .params(id, unit.id(), criterion.id(), criterion.code(), input.outcome().name(), feedback,
                        PortfolioReads.joined(reliedOn), source.name(), assessorSubject, assessorName,
                        !qualified, Timestamp.from(clock.instant()))
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", id.toString());
        detail.put("criterion", criterion.code());
        detail.put("outcome", input.outcome().name());
        detail.put("feedback", feedback == null ? "" : feedback);
        detail.put("evidence", PortfolioReads.joined(reliedOn));
        detail.put("source", source.name());
        detail.put("countersignatureNeeded", !qualified);
        previous.ifPresent(p -> detail.put("supersedes", p.id().toString()));
        audit.record(assessorSubject, assessorName, unit, AuditAction.DECISION_RECORDED, detail);
    }

    /** A qualified assessor countersigns an unqualified assessor's decision. */
    @Transactional
    public void countersignDecision(LtiPrincipal countersigner, UUID decisionId) {
        AssessmentDecision decision = reads.decision(decisionId).orElseThrow(() -> PortfolioRefused.notFound("that decision"));
        LearnerUnit unit = assessable(countersigner, decision.learnerUnitId());
        requireCountersigner(countersigner, unit, decision.assessorSubject());
        int updated = jdbc.sql("""
                UPDATE assessment_decision SET countersigned_by = ?, countersigned_by_name = ?, countersigned_at = ?
                WHERE id = ? AND is_current = TRUE AND countersignature_needed = TRUE AND countersigned_at IS NULL""")
                .params(countersigner.subject(), countersigner.displayName(), Timestamp.from(clock.instant()), decisionId)
                .update();
        if (updated != 1) {
            throw PortfolioRefused.conflict("that decision no longer needs a countersignature: it was countersigned or replaced");
        }
        audit.record(countersigner, unit, AuditAction.DECISION_COUNTERSIGNED,
                Map.of("decision", decisionId.toString(), "criterion", decision.criterionCode(),
                        "assessor", decision.assessorName()));
        events.publishEvent(new DecisionRecorded(learnerUnits.refresh(unit.id())));
    }

    /** The learner declares the evidence their own real work. */
    @Transactional
    public void signDeclaration(LtiPrincipal learner, UUID learnerUnitId, String typedName) {
        LearnerUnit unit = learnerUnits.visible(learner, learnerUnitId);
        if (!learner.has(AttestRole.LEARNER) || !learner.subject().equals(unit.learnerSubject())) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        requireTypedName(learner, typedName);
        List<UnitSignature> signatures = reads.signatures(unit.id());
        if (signatures.stream().anyMatch(s -> s.kind() == UnitSignature.Kind.DECLARATION)) {
            throw PortfolioRefused.conflict("you have already signed the declaration");
        }
        if (reads.currentEvidence(unit.id()).isEmpty()) {
            throw PortfolioRefused.invalid("add your evidence before you sign the declaration");
        }
        sign(learner, unit, UnitSignature.Kind.DECLARATION, typedName, DECLARATION, false);
        audit.record(learner, unit, AuditAction.DECLARATION_SIGNED, Map.of("typedName", typedName.strip()));
        learnerUnits.refresh(unit.id());
    }

    /** The assessor signs the unit off once every rule holds and the learner has declared. */
    @Transactional
    public void signOff(LtiPrincipal assessor, UUID learnerUnitId, String typedName) {
        LearnerUnit unit = assessable(assessor, learnerUnitId);
        requireTypedName(assessor, typedName);
        PortfolioView view = learnerUnits.view(unit);
        if (view.signature(UnitSignature.Kind.SIGN_OFF).isPresent()) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " is already signed off");
        }
        if (!view.report().readyForSignOff()) {
            throw PortfolioRefused.conflict("Unit " + unit.unitCode() + " cannot be signed off yet: "
                    + String.join("; ", view.report().missing()));
        }
        if (view.signature(UnitSignature.Kind.DECLARATION).isEmpty()) {
            throw PortfolioRefused.conflict("the learner has not signed the declaration yet");
        }
        boolean qualified = assessors.qualified(unit.course().platformId(), assessor.subject());
        sign(assessor, unit, UnitSignature.Kind.SIGN_OFF, typedName, SIGN_OFF, !qualified);
        audit.record(assessor, unit, AuditAction.UNIT_SIGNED_OFF,
                Map.of("typedName", typedName.strip(), "countersignatureNeeded", !qualified));
        announceIfComplete(unit);
    }

    /** A qualified assessor countersigns an unqualified assessor's sign-off. */
    @Transactional
    public void countersignSignOff(LtiPrincipal countersigner, UUID learnerUnitId, String typedName) {
        LearnerUnit unit = assessable(countersigner, learnerUnitId);
        requireTypedName(countersigner, typedName);
        List<UnitSignature> signatures = reads.signatures(unit.id());
        UnitSignature signOff = signatures.stream().filter(s -> s.kind() == UnitSignature.Kind.SIGN_OFF).findFirst()
                .orElseThrow(() -> PortfolioRefused.conflict("Unit " + unit.unitCode() + " has not been signed off"));
        if (!signOff.needsCountersignature()
                || signatures.stream().anyMatch(s -> s.kind() == UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE)) {
            throw PortfolioRefused.conflict("that sign-off needs no countersignature");
        }
        requireCountersigner(countersigner, unit, signOff.signerSubject());
        sign(countersigner, unit, UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE, typedName, COUNTERSIGNATURE, false);
        audit.record(countersigner, unit, AuditAction.SIGN_OFF_COUNTERSIGNED,
                Map.of("typedName", typedName.strip(), "assessor", signOff.signerName()));
        announceIfComplete(unit);
    }

    /** How long the course's two queues are: evidence to mark, and decisions and sign-offs awaiting countersignature. */
    public record QueueSizes(long toMark, long toCountersign) {
    }

    /**
     * The sizes of {@link #markingQueue} and {@link #countersignQueue} for the assessor's course, from
     * the counts each learner unit keeps (one indexed query), for pages that show the numbers only.
     */
    public QueueSizes queueSizes(LtiPrincipal assessor) {
        requireAssessor(assessor);
        Course course = Course.of(assessor);
        return jdbc.sql("""
                SELECT COALESCE(SUM(evidence_to_mark), 0) AS to_mark, COALESCE(SUM(awaiting_countersignature), 0) AS to_countersign
                FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> new QueueSizes(rs.getLong("to_mark"), rs.getLong("to_countersign")))
                .single();
    }

    /** The most a queue page lists at once, oldest first; the caseload shows the full counts. */
    public static final int QUEUE_PAGE = 200;

    /**
     * Evidence in the assessor's course with claims waiting for review, oldest first, at most
     * {@link #QUEUE_PAGE}. Only learner units whose kept count says they have work are searched.
     */
    public List<QueuedEvidence> markingQueue(LtiPrincipal assessor) {
        requireAssessor(assessor);
        Course course = Course.of(assessor);
        return jdbc.sql("""
                SELECT e.id, e.title, e.occasion_date, e.updated_at, lu.id AS lu_id, lu.learner_name, lu.unit_code,
                       e.pending_claims AS claims
                FROM learner_unit lu
                JOIN evidence e ON e.learner_unit_id = lu.id AND e.to_mark = TRUE
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ? AND lu.evidence_to_mark > 0
                ORDER BY e.updated_at, e.id
                LIMIT ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), QUEUE_PAGE)
                .query((rs, n) -> new QueuedEvidence(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getObject("occasion_date", LocalDate.class), PortfolioReads.instant(rs, "updated_at"),
                        rs.getObject("lu_id", UUID.class), rs.getString("learner_name"), rs.getString("unit_code"),
                        rs.getInt("claims")))
                .list();
    }

    /** Decisions and sign-offs in the course waiting for a qualified countersignature. */
    public List<PendingCountersignature> countersignQueue(LtiPrincipal assessor) {
        requireAssessor(assessor);
        Course course = Course.of(assessor);
        List<PendingCountersignature> pending = new ArrayList<>(jdbc.sql("""
                SELECT d.*, lu.learner_name, lu.unit_code FROM assessment_decision d
                JOIN learner_unit lu ON lu.id = d.learner_unit_id
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ? AND lu.awaiting_countersignature > 0
                  AND d.is_current = TRUE AND d.countersignature_needed = TRUE AND d.countersigned_at IS NULL
                ORDER BY d.decided_at, d.id
                LIMIT ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), QUEUE_PAGE)
                .query((rs, n) -> new PendingCountersignature(rs.getObject("id", UUID.class),
                        PendingCountersignature.Kind.DECISION, rs.getObject("learner_unit_id", UUID.class),
                        rs.getString("learner_name"), rs.getString("unit_code"), rs.getString("criterion_code"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("feedback"), rs.getString("assessor_name"),
                        PortfolioReads.instant(rs, "decided_at")))
                .list());
        pending.addAll(jdbc.sql("""
                SELECT s.*, lu.learner_name, lu.unit_code FROM unit_signature s
                JOIN learner_unit lu ON lu.id = s.learner_unit_id
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ? AND lu.awaiting_countersignature > 0
                  AND s.kind = 'SIGN_OFF' AND s.needs_countersignature = TRUE AND s.withdrawn_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM unit_signature c WHERE c.learner_unit_id = s.learner_unit_id
                                  AND c.kind = 'SIGN_OFF_COUNTERSIGNATURE' AND c.withdrawn_at IS NULL)
                ORDER BY s.signed_at""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> new PendingCountersignature(rs.getObject("id", UUID.class),
                        PendingCountersignature.Kind.SIGN_OFF, rs.getObject("learner_unit_id", UUID.class),
                        rs.getString("learner_name"), rs.getString("unit_code"), null, null, null,
                        rs.getString("signer_name"), PortfolioReads.instant(rs, "signed_at")))
                .list());
        return pending;
    }

    public boolean qualified(LtiPrincipal assessor) {
        return assessor.platformId() != null && assessors.qualified(assessor.platformId(), assessor.subject());
    }

    private void announceIfComplete(LearnerUnit unit) {
        UnitProgress progress = learnerUnits.refresh(unit.id());
        if (progress.complete()) {
            events.publishEvent(new UnitSignedOff(progress));
        }
    }

    private void sign(LtiPrincipal signer, LearnerUnit unit, UnitSignature.Kind kind, String typedName, String statement,
            boolean needsCountersignature) {
        jdbc.sql("""
                INSERT INTO unit_signature (id, learner_unit_id, kind, signer_subject, signer_name, typed_name, statement,
                    needs_countersignature, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), unit.id(), kind.name(), signer.subject(), signer.displayName(), typedName.strip(),
                        statement, needsCountersignature, Timestamp.from(clock.instant()))
                .update();
    }

    private LearnerUnit assessable(LtiPrincipal assessor, UUID learnerUnitId) {
        LearnerUnit unit = reads.learnerUnit(learnerUnitId).orElseThrow(() -> PortfolioRefused.notFound("that portfolio"));
        if (!LearnerUnits.mayAssess(assessor, unit)) {
            throw PortfolioRefused.notFound("that portfolio");
        }
        return unit;
    }

    private void requireCountersigner(LtiPrincipal countersigner, LearnerUnit unit, String originalAssessor) {
        if (!assessors.qualified(unit.course().platformId(), countersigner.subject())) {
            throw PortfolioRefused.forbidden("only a qualified assessor can countersign; ask your centre administrator");
        }
        if (countersigner.subject().equals(originalAssessor)) {
            throw PortfolioRefused.forbidden("you cannot countersign your own work");
        }
    }

    private static void requireAssessor(LtiPrincipal user) {
        if (!user.has(AttestRole.ASSESSOR)) {
            throw PortfolioRefused.forbidden("this page is for assessors");
        }
    }

    /** A signature is the signer's name typed out, as on the paper forms; it must be the name the LMS knows them by. */
    private static void requireTypedName(LtiPrincipal signer, String typedName) {
        if (typedName == null || typedName.isBlank()) {
            throw PortfolioRefused.invalid("type your full name to sign");
        }
        String known = signer.name();
        if (known != null && !known.isBlank()
                && !normalise(known).equals(normalise(typedName))) {
            throw PortfolioRefused.invalid("type your name as your LMS knows it (" + known + ") to sign");
        }
    }

    private static String normalise(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
