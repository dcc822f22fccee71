package org.attest.tool.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** All SQL of {@code assessor_record}, {@code record_signature} and {@code plan_evidence}. */
@Repository
class RecordStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    RecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID lineage, int version, RecordKind kind, LearnerUnit unit, String assessorSubject,
            String assessorName, RecordContent content, Instant at) {
        Timestamp now = Timestamp.from(at);
        Course course = unit.course();
        jdbc.sql("""
                INSERT INTO assessor_record (id, lineage_id, version, kind, learner_unit_id, platform_id, deployment_id,
                    context_id, learner_name, unit_code, assessor_subject, assessor_name, content, due_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, lineage, version, kind.name(), unit.id(), course.platformId(), course.deploymentId(),
                        course.contextId(), unit.learnerName(), unit.unitCode(), assessorSubject, assessorName, json(content),
                        dueOn(kind, content), now, now)
                .update();
    }

    /** Changes a draft in place; false when it was signed or superseded meanwhile. */
    boolean update(UUID id, RecordKind kind, RecordContent content, Instant at) {
        return jdbc.sql("""
                UPDATE assessor_record SET content = ?, due_on = ?, updated_at = ?
                WHERE id = ? AND superseded_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM record_signature s WHERE s.record_id = assessor_record.id)""")
                .params(json(content), dueOn(kind, content), Timestamp.from(at), id).update() == 1;
    }

    /** Marks a version superseded; false when another change superseded it first. */
    boolean supersede(UUID id, Instant at) {
        return jdbc.sql("UPDATE assessor_record SET superseded_at = ? WHERE id = ? AND superseded_at IS NULL")
                .params(Timestamp.from(at), id).update() == 1;
    }

    /** Deletes a current draft nobody signed; false when it was signed or superseded meanwhile. */
    boolean deleteDraft(UUID id) {
        return jdbc.sql("""
                DELETE FROM assessor_record WHERE id = ? AND superseded_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM record_signature s WHERE s.record_id = assessor_record.id)""")
                .param(id).update() == 1;
    }

    /** Makes a superseded version current again (the draft that superseded it was discarded). */
    void reinstate(UUID id) {
        jdbc.sql("UPDATE assessor_record SET superseded_at = NULL WHERE id = ?").param(id).update();
    }

    void setEvidence(UUID id, UUID evidenceId) {
        jdbc.sql("UPDATE assessor_record SET evidence_id = ? WHERE id = ?").params(evidenceId, id).update();
    }

    /** Adds a signature; false when the role was signed meanwhile (the primary key refuses a second). */
    boolean sign(UUID recordId, SignerRole role, UUID platformId, String subject, String name, String typedName, Instant at) {
        int inserted = jdbc.sql("""
                INSERT INTO record_signature (record_id, role, platform_id, signer_subject, signer_name, typed_name, signed_at)
                SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                  (SELECT 1 FROM record_signature WHERE record_id = ? AND role = ?)""")
                .params(recordId, role.name(), platformId, subject, name, typedName.strip(), Timestamp.from(at), recordId,
                        role.name())
                .update();
        return inserted == 1;
    }

    void link(UUID planLineage, UUID evidenceId, String by, Instant at) {
        jdbc.sql("""
                INSERT INTO plan_evidence (plan_lineage_id, evidence_id, linked_by, linked_at)
                SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM plan_evidence WHERE plan_lineage_id = ? AND evidence_id = ?)""")
                .params(planLineage, evidenceId, by, Timestamp.from(at), planLineage, evidenceId).update();
    }

    Optional<AssessorRecord> byId(UUID id) {
        return jdbc.sql("SELECT * FROM assessor_record WHERE id = ?").param(id).query(this::row).optional()
                .map(this::withParts);
    }

    /** Locks a record's row for the rest of the transaction, so two signatures or versions go one after the other. */
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM assessor_record WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    /** Every version of every record of a learner unit, newest first within each lineage. */
    List<AssessorRecord> ofUnit(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM assessor_record WHERE learner_unit_id = ? ORDER BY created_at DESC, version DESC")
                .param(learnerUnitId).query(this::row).list().stream().map(this::withParts).toList();
    }

    List<AssessorRecord> versions(UUID lineageId) {
        return jdbc.sql("SELECT * FROM assessor_record WHERE lineage_id = ? ORDER BY version DESC")
                .param(lineageId).query(this::row).list().stream().map(this::withParts).toList();
    }

    /** The current plans of a course, soonest due first. */
    List<AssessorRecord> currentPlans(Course course) {
        return jdbc.sql("""
                SELECT * FROM assessor_record WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND kind = 'ASSESSMENT_PLAN' AND superseded_at IS NULL ORDER BY due_on, created_at""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query(this::row).list().stream().map(this::withParts).toList();
    }

    /** Each learner unit's earliest due date among its current plans that no evidence fulfils yet: one statement. */
    Map<UUID, LocalDate> earliestOpenPlans(Course course) {
        Map<UUID, LocalDate> due = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.learner_unit_id, MIN(r.due_on) AS due_on FROM assessor_record r
                WHERE r.platform_id = ? AND r.deployment_id = ? AND r.context_id = ? AND r.kind = 'ASSESSMENT_PLAN'
                  AND r.superseded_at IS NULL AND r.due_on IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM plan_evidence e WHERE e.plan_lineage_id = r.lineage_id)
                GROUP BY r.learner_unit_id""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query(rs -> {
                    due.put(rs.getObject("learner_unit_id", UUID.class), rs.getDate("due_on").toLocalDate());
                });
        return due;
    }

    private AssessorRecord withParts(AssessorRecord r) {
        List<AssessorRecord.Signature> signatures = jdbc.sql("""
                SELECT role, signer_subject, signer_name, typed_name, signed_at FROM record_signature WHERE record_id = ?
                ORDER BY signed_at""").param(r.id())
                .query((rs, n) -> new AssessorRecord.Signature(SignerRole.valueOf(rs.getString("role")),
                        rs.getString("signer_subject"), rs.getString("signer_name"), rs.getString("typed_name"),
                        instant(rs, "signed_at")))
                .list();
        List<UUID> linked = r.kind() != RecordKind.ASSESSMENT_PLAN ? List.of()
                : jdbc.sql("SELECT evidence_id FROM plan_evidence WHERE plan_lineage_id = ? ORDER BY linked_at")
                        .param(r.lineageId()).query(UUID.class).list();
        return new AssessorRecord(r.id(), r.lineageId(), r.version(), r.kind(), r.learnerUnitId(), r.learnerName(),
                r.unitCode(), r.assessorSubject(), r.assessorName(), r.content(), r.dueOn(), r.evidenceId(),
                r.supersededAt(), r.createdAt(), r.updatedAt(), signatures, linked);
    }

    private AssessorRecord row(ResultSet rs, int n) throws SQLException {
        return new AssessorRecord(rs.getObject("id", UUID.class), rs.getObject("lineage_id", UUID.class), rs.getInt("version"),
                RecordKind.valueOf(rs.getString("kind")), rs.getObject("learner_unit_id", UUID.class),
                rs.getString("learner_name"), rs.getString("unit_code"), rs.getString("assessor_subject"),
                rs.getString("assessor_name"), JSON.readValue(rs.getString("content"), RecordContent.class),
                rs.getObject("due_on", LocalDate.class), rs.getObject("evidence_id", UUID.class),
                instant(rs, "superseded_at"), instant(rs, "created_at"), instant(rs, "updated_at"), List.of(), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static LocalDate dueOn(RecordKind kind, RecordContent content) {
        return kind == RecordKind.ASSESSMENT_PLAN ? content.dueOn() : null;
    }

    static String json(RecordContent content) {
        return JSON.writeValueAsString(content);
    }

    /** The content as the audit trail records it: every field the form has, as text. */
    static Map<String, Object> auditDetail(AssessorRecord r) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("record", r.id().toString());
        detail.put("lineage", r.lineageId().toString());
        detail.put("kind", r.kind().name());
        detail.put("version", r.version());
        detail.put("content", json(r.content()));
        return detail;
    }
}
