package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.internal.EvidenceStore;
import org.attest.tool.portfolio.internal.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evidence a grade from the LMS gradebook rests on: one record per assessment task and learner,
 * written by Attest (never by the learner), mapped to the task's criteria and confirmed while the
 * grade is a pass. A lowered or removed grade writes a new version whose mappings are rejected, so
 * the portfolio shows what the decisions rested on and when that changed.
 */
@Component
class GradebookEvidence {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final EvidenceStore reads;
    private final PortfolioAudit audit;
    private final Clock clock;

    GradebookEvidence(JdbcClient jdbc, EvidenceStore reads, PortfolioAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.audit = audit;
        this.clock = clock;
    }

    /** The evidence a pass rests on: the current version when it already records a pass for every criterion, else a new one. */
    Evidence recordPass(GradebookGrade grade, LearnerUnit unit, Unit model, List<Criterion> criteria) {
        Optional<Evidence> current = reads.gradebookEvidence(unit.id(), grade.taskId());
        if (current.isPresent() && criteria.stream().allMatch(c -> current.get().mappings().stream()
                .anyMatch(m -> m.itemId().equals(c.id()) && m.status() == MappingStatus.CONFIRMED))) {
            return current.get(); // a changed grade that still passes leaves the recorded pass as it is
        }
        Map<UUID, String> items = new LinkedHashMap<>();
        criteria.forEach(c -> items.put(c.id(), c.code()));
        String account = grade.assessorName() + " set the assessment task \"" + grade.taskTitle() + "\" for "
                + String.join(", ", grade.criterionCodes()) + ", pass mark " + grade.passMark() + ". The LMS gradebook shows "
                + grade.grade() + " for this learner" + (grade.gradedAt() == null ? "" : ", graded on " + DAY.format(
                        grade.gradedAt().atZone(ZoneOffset.UTC))) + ". Attest read the grade on "
                + MINUTE.format(clock.instant()) + ".";
        UUID id = write(grade, unit, model, current, "Passed in the LMS gradebook: " + grade.taskTitle() + " (" + grade.grade() + ")",
                account, items, MappingStatus.CONFIRMED);
        return reads.evidence(id).orElseThrow();
    }

    /** A new version that no longer supports any criterion, when the current one still does; false when there was nothing to withdraw. */
    boolean recordWithdrawal(GradebookGrade grade, LearnerUnit unit, Unit model, Evidence current) {
        if (current.mappings().stream().noneMatch(m -> m.status() == MappingStatus.CONFIRMED)) {
            return false;
        }
        Map<UUID, String> items = new LinkedHashMap<>();
        current.mappings().forEach(m -> items.put(m.itemId(), m.code()));
        String title = grade.grade() == null ? "Grade removed in the LMS gradebook: " + grade.taskTitle()
                : "Below the pass mark in the LMS gradebook: " + grade.taskTitle() + " (" + grade.grade() + ")";
        String account = (grade.grade() == null ? "The LMS gradebook no longer holds a grade for this learner on \""
                + grade.taskTitle() + "\"" : "The LMS gradebook now shows " + grade.grade() + " for this learner on \""
                + grade.taskTitle() + "\", below the pass mark " + grade.passMark())
                + ". The pass recorded earlier no longer counts for " + String.join(", ", items.values())
                + ". Attest read the gradebook on " + MINUTE.format(clock.instant()) + ".";
        write(grade, unit, model, Optional.of(current), title, account, items, MappingStatus.REJECTED);
        return true;
    }

    private UUID write(GradebookGrade grade, LearnerUnit unit, Unit model, Optional<Evidence> previous, String title,
            String account, Map<UUID, String> items, MappingStatus status) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        UUID id = UUID.randomUUID();
        UUID lineage = previous.map(Evidence::lineageId).orElse(id);
        int version = previous.map(e -> e.version() + 1).orElse(1);
        previous.ifPresent(p -> jdbc.sql("UPDATE evidence SET is_current = FALSE WHERE id = ?").param(p.id()).update());
        jdbc.sql("""
                INSERT INTO evidence (id, learner_unit_id, lineage_id, version, is_current, status, title, account,
                    occasion_date, methods, simulated, created_by, created_at, updated_at, gradebook_task_id)
                VALUES (?, ?, ?, ?, TRUE, 'ASSESSED', ?, ?, ?, ?, FALSE, ?, ?, ?, ?)""")
                .params(id, unit.id(), lineage, version, shortened(title, 200), account, occasion(grade.gradedAt(), now),
                        Rows.codes(Set.of(method(model))), grade.assessorSubject(), at, at, grade.taskId())
                .update();
        for (Map.Entry<UUID, String> item : items.entrySet()) {
            jdbc.sql("""
                    INSERT INTO evidence_mapping (evidence_id, item_id, item_kind, item_code, status, claimed_at, reviewed_by,
                        reviewed_by_name, reviewed_at) VALUES (?, ?, 'CRITERION', ?, ?, ?, ?, ?, ?)""")
                    .params(id, item.getKey(), item.getValue(), status.name(), at, grade.assessorSubject(), grade.assessorName(), at)
                    .update();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("evidence", id.toString());
        detail.put("version", version);
        detail.put("title", shortened(title, 200));
        detail.put("source", AssessmentDecision.Source.GRADEBOOK.name());
        detail.put("task", grade.taskId().toString());
        detail.put("grade", grade.grade() == null ? "removed" : grade.grade());
        previous.ifPresent(p -> detail.put("previousVersion", p.id().toString()));
        audit.record(grade.assessorSubject(), grade.assessorName(), unit,
                previous.isPresent() ? AuditAction.EVIDENCE_NEW_VERSION : AuditAction.EVIDENCE_ADDED, detail);
        audit.record(grade.assessorSubject(), grade.assessorName(), unit,
                status == MappingStatus.CONFIRMED ? AuditAction.MAPPING_CONFIRMED : AuditAction.MAPPING_REJECTED,
                Map.of("evidence", id.toString(), "items", List.copyOf(items.values()), "source", "GRADEBOOK"));
        return id;
    }

    /** A graded assignment: "Projects and assignments" when the unit's key lists it, else product evidence. */
    private static AssessmentMethod method(Unit unit) {
        return unit.methods().contains(AssessmentMethod.PROJECTS_AND_ASSIGNMENTS) ? AssessmentMethod.PROJECTS_AND_ASSIGNMENTS
                : AssessmentMethod.PRODUCT_EVIDENCE;
    }

    /** The day the grade was given; an evidence date is never in the future. */
    private static LocalDate occasion(Instant gradedAt, Instant now) {
        Instant day = gradedAt == null || gradedAt.isAfter(now) ? now : gradedAt;
        return LocalDate.ofInstant(day, ZoneOffset.UTC);
    }

    private static String shortened(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
