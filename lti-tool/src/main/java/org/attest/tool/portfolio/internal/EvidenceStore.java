package org.attest.tool.portfolio.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.internal.files.StoredFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The evidence tables: {@code evidence} (one row per version), {@code evidence_file} and
 * {@code evidence_mapping} (the learner's claims and the assessor's verdicts on them).
 */
@Repository
public class EvidenceStore {

    private final JdbcClient jdbc;

    EvidenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current version of every piece of evidence of a learner's unit, oldest occasion first. */
    public List<Evidence> currentEvidence(UUID learnerUnitId) {
        List<Evidence> bare = jdbc.sql("""
                SELECT * FROM evidence WHERE learner_unit_id = ? AND is_current = TRUE
                ORDER BY occasion_date, created_at""")
                .param(learnerUnitId).query(Rows::bareEvidence).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<UUID, List<Evidence.EvidenceFile>> files = new HashMap<>();
        jdbc.sql("""
                SELECT f.* FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id
                WHERE e.learner_unit_id = ? AND e.is_current = TRUE ORDER BY f.uploaded_at, f.file_name""")
                .param(learnerUnitId).query(Rows::file).list()
                .forEach(f -> files.computeIfAbsent(f.evidenceId(), k -> new ArrayList<>()).add(f));
        Map<UUID, List<Evidence.Mapping>> mappings = new HashMap<>();
        jdbc.sql("""
                SELECT m.* FROM evidence_mapping m JOIN evidence e ON e.id = m.evidence_id
                WHERE e.learner_unit_id = ? AND e.is_current = TRUE ORDER BY m.item_kind, m.item_code""")
                .param(learnerUnitId).query((rs, n) -> Map.entry(rs.getObject("evidence_id", UUID.class), Rows.mapping(rs)))
                .list()
                .forEach(e -> mappings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return bare.stream().map(e -> e.withParts(files.getOrDefault(e.id(), List.of()),
                mappings.getOrDefault(e.id(), List.of()))).toList();
    }

    public Optional<Evidence> evidence(UUID id) {
        return jdbc.sql("SELECT * FROM evidence WHERE id = ?").param(id).query(Rows::bareEvidence).optional()
                .map(e -> e.withParts(
                        jdbc.sql("SELECT * FROM evidence_file WHERE evidence_id = ? ORDER BY uploaded_at, file_name")
                                .param(id).query(Rows::file).list(),
                        jdbc.sql("SELECT * FROM evidence_mapping WHERE evidence_id = ? ORDER BY item_kind, item_code")
                                .param(id).query((rs, n) -> Rows.mapping(rs)).list()));
    }

    /** The current version of the evidence Attest keeps for an assessment task's LMS grade in a learner's unit. */
    public Optional<Evidence> outsideEvidence(UUID learnerUnitId, UUID taskId) {
        return jdbc.sql("SELECT id FROM evidence WHERE learner_unit_id = ? AND gradebook_task_id = ? AND is_current = TRUE")
                .params(learnerUnitId, taskId).query(UUID.class).optional().flatMap(this::evidence);
    }

    /** Every version of that evidence, for finding the decisions that rest on it. */
    public Set<UUID> outsideEvidenceVersions(UUID learnerUnitId, UUID taskId) {
        return new LinkedHashSet<>(jdbc.sql("SELECT id FROM evidence WHERE learner_unit_id = ? AND gradebook_task_id = ?")
                .params(learnerUnitId, taskId).query(UUID.class).list());
    }

    /** Every version of a piece of evidence, newest first. */
    public List<Evidence> versions(UUID lineageId) {
        return jdbc.sql("SELECT * FROM evidence WHERE lineage_id = ? ORDER BY version DESC")
                .param(lineageId).query(Rows::bareEvidence).list();
    }

    public Optional<Evidence.EvidenceFile> file(UUID id) {
        return jdbc.sql("SELECT * FROM evidence_file WHERE id = ?").param(id).query(Rows::file).optional();
    }

    /** Writes a learner's evidence as SUBMITTED and current: a first version, or the next version of a lineage. */
    public void insert(UUID id, UUID learnerUnitId, UUID lineage, int version, EvidenceInput in, String by, Instant at) {
        Timestamp now = Timestamp.from(at);
        Evidence.Witness w = witness(in);
        jdbc.sql("""
                INSERT INTO evidence (id, learner_unit_id, lineage_id, version, is_current, status, title, account,
                    occasion_date, methods, customer_reference, customer_descriptor, simulated, location, witness_name,
                    witness_contact, witness_status, witness_relationship, witness_signed_name, witness_signed_on,
                    created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, TRUE, 'SUBMITTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, learnerUnitId, lineage, version, in.title().strip(), blankToNull(in.account()), in.occasionDate(),
                        Rows.codes(in.methods()), blankToNull(in.customerReference()),
                        blankToNull(in.customerDescriptor()), in.simulated(), blankToNull(in.location()),
                        blankToNull(w.name()), blankToNull(w.contact()), w.status(), blankToNull(w.relationship()),
                        blankToNull(w.signedName()), w.signedOn(), by, now, now)
                .update();
    }

    /**
     * Writes evidence of an outcome reached outside Attest (a graded LMS task) as ASSESSED and current, with its
     * mappings already reviewed by whoever answers for the source; the previous version, if any, stops being current.
     */
    public void insertOutside(UUID id, UUID learnerUnitId, UUID lineage, int version, Optional<UUID> previous, String title,
            String account, LocalDate occasion, Set<AssessmentMethod> methods, UUID sourceId, String bySubject, String byName,
            Map<UUID, String> criteria, MappingStatus status, Instant at) {
        Timestamp now = Timestamp.from(at);
        previous.ifPresent(this::supersede);
        jdbc.sql("""
                INSERT INTO evidence (id, learner_unit_id, lineage_id, version, is_current, status, title, account,
                    occasion_date, methods, simulated, created_by, created_at, updated_at, gradebook_task_id)
                VALUES (?, ?, ?, ?, TRUE, 'ASSESSED', ?, ?, ?, ?, FALSE, ?, ?, ?, ?)""")
                .params(id, learnerUnitId, lineage, version, title, account, occasion, Rows.codes(methods), bySubject, now, now,
                        sourceId)
                .update();
        for (Map.Entry<UUID, String> item : criteria.entrySet()) {
            jdbc.sql("""
                    INSERT INTO evidence_mapping (evidence_id, item_id, item_kind, item_code, status, claimed_at, reviewed_by,
                        reviewed_by_name, reviewed_at) VALUES (?, ?, 'CRITERION', ?, ?, ?, ?, ?, ?)""")
                    .params(id, item.getKey(), item.getValue(), status.name(), now, bySubject, byName, now)
                    .update();
        }
    }

    /**
     * Writes evidence an assessor recorded (an observation record, a questioning record) as ASSESSED and current, its
     * mappings confirmed by the assessor; the previous version, if any, stops being current.
     */
    public void insertAssessed(UUID id, UUID learnerUnitId, UUID lineage, int version, Optional<UUID> previous, String title,
            String account, LocalDate occasion, Set<AssessmentMethod> methods, String bySubject, String byName,
            List<Claims.Item> items, Instant at) {
        Timestamp now = Timestamp.from(at);
        previous.ifPresent(this::supersede);
        jdbc.sql("""
                INSERT INTO evidence (id, learner_unit_id, lineage_id, version, is_current, status, title, account,
                    occasion_date, methods, simulated, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, TRUE, 'ASSESSED', ?, ?, ?, ?, FALSE, ?, ?, ?)""")
                .params(id, learnerUnitId, lineage, version, title, account, occasion, Rows.codes(methods), bySubject, now, now)
                .update();
        for (Claims.Item item : items) {
            jdbc.sql("""
                    INSERT INTO evidence_mapping (evidence_id, item_id, item_kind, item_code, status, claimed_at, reviewed_by,
                        reviewed_by_name, reviewed_at) VALUES (?, ?, ?, ?, 'CONFIRMED', ?, ?, ?, ?)""")
                    .params(id, item.id(), item.kind().name(), item.code(), now, bySubject, byName, now)
                    .update();
        }
    }

    /** Changes evidence in place; false when it is no longer current and unassessed (an assessor looked meanwhile). */
    public boolean update(UUID id, EvidenceInput in, Instant at) {
        Evidence.Witness w = witness(in);
        return jdbc.sql("""
                UPDATE evidence SET title = ?, account = ?, occasion_date = ?, methods = ?, customer_reference = ?,
                    customer_descriptor = ?, simulated = ?, location = ?, witness_name = ?, witness_contact = ?,
                    witness_status = ?, witness_relationship = ?, witness_signed_name = ?, witness_signed_on = ?,
                    witness_confirmed_name = NULL, witness_confirmed_at = NULL, updated_at = ?
                WHERE id = ? AND status = 'SUBMITTED' AND is_current = TRUE""")
                .params(in.title().strip(), blankToNull(in.account()), in.occasionDate(), Rows.codes(in.methods()),
                        blankToNull(in.customerReference()), blankToNull(in.customerDescriptor()), in.simulated(),
                        blankToNull(in.location()), blankToNull(w.name()), blankToNull(w.contact()), w.status(),
                        blankToNull(w.relationship()), blankToNull(w.signedName()), w.signedOn(),
                        Timestamp.from(at), id)
                .update() == 1;
    }

    /**
     * Records the witness's own confirmation on this version of the evidence; false when it is no longer current, has
     * no witness, or was confirmed already.
     */
    public boolean confirmWitness(UUID id, String typedName, Instant at) {
        return jdbc.sql("""
                UPDATE evidence SET witness_confirmed_name = ?, witness_confirmed_at = ?
                WHERE id = ? AND is_current = TRUE AND witness_name IS NOT NULL AND witness_confirmed_at IS NULL""")
                .params(typedName, Timestamp.from(at), id).update() == 1;
    }

    /**
     * The current evidence with a witness of these learner units, oldest occasion first (no files or mappings).
     */
    public List<Evidence> witnessed(List<UUID> learnerUnitIds) {
        if (learnerUnitIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM evidence WHERE is_current = TRUE AND witness_name IS NOT NULL AND learner_unit_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(learnerUnitIds.size(), "?"))
                        + ") ORDER BY occasion_date, created_at, id")
                .params(learnerUnitIds.toArray()).query(Rows::bareEvidence).list();
    }

    /** Makes a version no longer current; false when it already was not (another edit came first). */
    public boolean supersede(UUID id) {
        return jdbc.sql("UPDATE evidence SET is_current = FALSE WHERE id = ? AND is_current = TRUE").param(id).update() == 1;
    }

    public void markAssessed(UUID id) {
        jdbc.sql("UPDATE evidence SET status = 'ASSESSED' WHERE id = ?").param(id).update();
    }

    public void attach(UUID evidenceId, List<StoredFile> stored, Instant at) {
        Timestamp now = Timestamp.from(at);
        for (StoredFile f : stored) {
            insertFile(evidenceId, f.storageKey(), f.safeName(), f.contentType(), f.size(), f.sha256(), now);
        }
    }

    /** A new version refers to the same stored files: files are immutable, so sharing them is safe. */
    public void copyFiles(Evidence from, UUID to) {
        for (Evidence.EvidenceFile f : from.files()) {
            insertFile(to, f.storageKey(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(),
                    Timestamp.from(f.uploadedAt()));
        }
    }

    private void insertFile(UUID evidenceId, String key, String name, String type, long size, String sha256, Timestamp at) {
        jdbc.sql("""
                INSERT INTO evidence_file (id, evidence_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), evidenceId, key, name, type, size, sha256, at)
                .update();
    }

    public void claim(UUID evidenceId, UUID itemId, Evidence.ItemKind kind, String code, Instant at) {
        jdbc.sql("""
                INSERT INTO evidence_mapping (evidence_id, item_id, item_kind, item_code, status, claimed_at)
                VALUES (?, ?, ?, ?, 'CLAIMED', ?)""")
                .params(evidenceId, itemId, kind.name(), code, Timestamp.from(at)).update();
    }

    /** Withdraws a claim nobody has reviewed; a reviewed mapping stays. */
    public void withdrawClaim(UUID evidenceId, UUID itemId) {
        jdbc.sql("DELETE FROM evidence_mapping WHERE evidence_id = ? AND item_id = ? AND status = 'CLAIMED'")
                .params(evidenceId, itemId).update();
    }

    /** An assessor's verdict on a claim. */
    public void review(UUID evidenceId, UUID itemId, MappingStatus verdict, String bySubject, String byName, Instant at) {
        jdbc.sql("""
                UPDATE evidence_mapping SET status = ?, reviewed_by = ?, reviewed_by_name = ?, reviewed_at = ?
                WHERE evidence_id = ? AND item_id = ?""")
                .params(verdict.name(), bySubject, byName, Timestamp.from(at), evidenceId, itemId)
                .update();
    }

    /** Recomputes what the marking queue looks for on each piece of a unit's evidence (old versions are never to mark). */
    public void refreshToMark(UUID learnerUnitId) {
        jdbc.sql("""
                UPDATE evidence SET
                    pending_claims = (SELECT COUNT(*) FROM evidence_mapping m
                                      WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED'),
                    to_mark = (is_current = TRUE AND (status = 'SUBMITTED' OR EXISTS (
                        SELECT 1 FROM evidence_mapping m WHERE m.evidence_id = evidence.id AND m.status = 'CLAIMED')))
                WHERE learner_unit_id = ?""")
                .param(learnerUnitId).update();
    }

    /**
     * Evidence in the course with claims waiting for review, oldest first, at most {@code limit}. Only
     * learner units whose kept count says they have work are searched.
     */
    public List<AssessmentQueues.QueuedEvidence> toMark(Course course, int limit) {
        return jdbc.sql("""
                SELECT e.id, e.title, e.occasion_date, e.updated_at, lu.id AS lu_id, lu.learner_name, lu.unit_code,
                       e.pending_claims AS claims
                FROM learner_unit lu
                JOIN evidence e ON e.learner_unit_id = lu.id AND e.to_mark = TRUE
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ? AND lu.evidence_to_mark > 0
                ORDER BY e.updated_at, e.id
                LIMIT ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), limit)
                .query((rs, n) -> new AssessmentQueues.QueuedEvidence(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getObject("occasion_date", LocalDate.class), Rows.instant(rs, "updated_at"),
                        rs.getObject("lu_id", UUID.class), rs.getString("learner_name"), rs.getString("unit_code"),
                        rs.getInt("claims")))
                .list();
    }

    private static Evidence.Witness witness(EvidenceInput in) {
        return in.witness() == null ? new Evidence.Witness(null, null, null, null, null, null) : in.witness();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
