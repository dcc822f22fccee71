package org.attest.tool.portfolio;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The portfolio's queries, in one place so that every service reads rows the same way. */
@Component
class PortfolioReads {

    private final JdbcClient jdbc;

    PortfolioReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LearnerUnit> learnerUnit(UUID id) {
        return jdbc.sql("SELECT * FROM learner_unit WHERE id = ?").param(id).query(PortfolioReads::learnerUnit).optional();
    }

    static LearnerUnit learnerUnit(ResultSet rs, int row) throws SQLException {
        return new LearnerUnit(rs.getObject("id", UUID.class),
                new Course(rs.getObject("platform_id", UUID.class), rs.getString("deployment_id"), rs.getString("context_id")),
                rs.getString("learner_subject"), rs.getString("learner_name"), rs.getObject("framework_id", UUID.class),
                rs.getString("unit_code"), rs.getObject("version_id", UUID.class), rs.getInt("criteria_met"),
                rs.getInt("criteria_total"), rs.getBoolean("ready_for_sign_off"), rs.getBoolean("complete"),
                rs.getInt("awaiting_review"), instant(rs, "last_activity_at"));
    }

    /** The current version of every piece of evidence of a learner's unit, oldest occasion first. */
    List<Evidence> currentEvidence(UUID learnerUnitId) {
        List<Evidence> bare = jdbc.sql("""
                SELECT * FROM evidence WHERE learner_unit_id = ? AND is_current = TRUE
                ORDER BY occasion_date, created_at""")
                .param(learnerUnitId).query(PortfolioReads::bareEvidence).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<UUID, List<Evidence.EvidenceFile>> files = new HashMap<>();
        jdbc.sql("""
                SELECT f.* FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id
                WHERE e.learner_unit_id = ? AND e.is_current = TRUE ORDER BY f.uploaded_at, f.file_name""")
                .param(learnerUnitId).query(PortfolioReads::file).list()
                .forEach(f -> files.computeIfAbsent(f.evidenceId(), k -> new ArrayList<>()).add(f));
        Map<UUID, List<Evidence.Mapping>> mappings = new HashMap<>();
        jdbc.sql("""
                SELECT m.* FROM evidence_mapping m JOIN evidence e ON e.id = m.evidence_id
                WHERE e.learner_unit_id = ? AND e.is_current = TRUE ORDER BY m.item_kind, m.item_code""")
                .param(learnerUnitId).query((rs, n) -> Map.entry(rs.getObject("evidence_id", UUID.class), mapping(rs)))
                .list()
                .forEach(e -> mappings.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return bare.stream().map(e -> withParts(e, files.getOrDefault(e.id(), List.of()),
                mappings.getOrDefault(e.id(), List.of()))).toList();
    }

    Optional<Evidence> evidence(UUID id) {
        return jdbc.sql("SELECT * FROM evidence WHERE id = ?").param(id).query(PortfolioReads::bareEvidence).optional()
                .map(e -> withParts(e,
                        jdbc.sql("SELECT * FROM evidence_file WHERE evidence_id = ? ORDER BY uploaded_at, file_name")
                                .param(id).query(PortfolioReads::file).list(),
                        jdbc.sql("SELECT * FROM evidence_mapping WHERE evidence_id = ? ORDER BY item_kind, item_code")
                                .param(id).query((rs, n) -> mapping(rs)).list()));
    }

    /** The current version of the evidence Attest keeps for an assessment task's LMS grade in a learner's unit. */
    Optional<Evidence> gradebookEvidence(UUID learnerUnitId, UUID taskId) {
        return jdbc.sql("SELECT id FROM evidence WHERE learner_unit_id = ? AND gradebook_task_id = ? AND is_current = TRUE")
                .params(learnerUnitId, taskId).query(UUID.class).optional().flatMap(this::evidence);
    }

    /** Every version of that evidence, for finding the decisions that rest on it. */
    Set<UUID> gradebookEvidenceVersions(UUID learnerUnitId, UUID taskId) {
        return new LinkedHashSet<>(jdbc.sql("SELECT id FROM evidence WHERE learner_unit_id = ? AND gradebook_task_id = ?")
                .params(learnerUnitId, taskId).query(UUID.class).list());
    }

    /** Every version of a piece of evidence, newest first. */
    List<Evidence> versions(UUID lineageId) {
        return jdbc.sql("SELECT * FROM evidence WHERE lineage_id = ? ORDER BY version DESC")
                .param(lineageId).query(PortfolioReads::bareEvidence).list();
    }

    Optional<Evidence.EvidenceFile> file(UUID id) {
        return jdbc.sql("SELECT * FROM evidence_file WHERE id = ?").param(id).query(PortfolioReads::file).optional();
    }

    List<AssessmentDecision> currentDecisions(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM assessment_decision WHERE learner_unit_id = ? AND is_current = TRUE ORDER BY criterion_code")
                .param(learnerUnitId).query(PortfolioReads::decision).list();
    }

    Optional<AssessmentDecision> decision(UUID id) {
        return jdbc.sql("SELECT * FROM assessment_decision WHERE id = ?").param(id).query(PortfolioReads::decision).optional();
    }

    /** Signatures in force (not withdrawn), oldest first. */
    List<UnitSignature> signatures(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM unit_signature WHERE learner_unit_id = ? AND withdrawn_at IS NULL ORDER BY signed_at")
                .param(learnerUnitId)
                .query((rs, n) -> new UnitSignature(rs.getObject("id", UUID.class), learnerUnitId,
                        UnitSignature.Kind.valueOf(rs.getString("kind")), rs.getString("signer_subject"),
                        rs.getString("signer_name"), rs.getString("typed_name"), rs.getString("statement"),
                        rs.getBoolean("needs_countersignature"), instant(rs, "signed_at")))
                .list();
    }

    private static Evidence bareEvidence(ResultSet rs, int row) throws SQLException {
        Integer witnessStatus = (Integer) rs.getObject("witness_status");
        var signedOn = rs.getObject("witness_signed_on", LocalDate.class);
        return new Evidence(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                rs.getObject("lineage_id", UUID.class), rs.getInt("version"), rs.getBoolean("is_current"),
                Evidence.Status.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("account"),
                rs.getObject("occasion_date", LocalDate.class), methods(rs.getString("methods")),
                rs.getString("customer_reference"), rs.getString("customer_descriptor"), rs.getBoolean("simulated"),
                rs.getString("location"),
                new Evidence.Witness(rs.getString("witness_name"), rs.getString("witness_contact"), witnessStatus,
                        rs.getString("witness_relationship"), rs.getString("witness_signed_name"), signedOn),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"), List.of(), List.of(),
                rs.getObject("gradebook_task_id", UUID.class));
    }

    private static Evidence withParts(Evidence e, List<Evidence.EvidenceFile> files, List<Evidence.Mapping> mappings) {
        return new Evidence(e.id(), e.learnerUnitId(), e.lineageId(), e.version(), e.current(), e.status(), e.title(),
                e.account(), e.occasionDate(), e.methods(), e.customerReference(), e.customerDescriptor(), e.simulated(),
                e.location(), e.witness(), e.createdBy(), e.createdAt(), e.updatedAt(), files, mappings, e.gradebookTask());
    }

    private static Evidence.EvidenceFile file(ResultSet rs, int row) throws SQLException {
        return new Evidence.EvidenceFile(rs.getObject("id", UUID.class), rs.getObject("evidence_id", UUID.class),
                rs.getString("storage_key"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "uploaded_at"));
    }

    private static Evidence.Mapping mapping(ResultSet rs) throws SQLException {
        return new Evidence.Mapping(rs.getObject("item_id", UUID.class), Evidence.ItemKind.valueOf(rs.getString("item_kind")),
                rs.getString("item_code"), MappingStatus.valueOf(rs.getString("status")),
                rs.getString("reviewed_by_name"), instant(rs, "reviewed_at"));
    }

    private static AssessmentDecision decision(ResultSet rs, int row) throws SQLException {
        return new AssessmentDecision(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                rs.getObject("criterion_id", UUID.class), rs.getString("criterion_code"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("feedback"), uuids(rs.getString("evidence_relied_on")),
                AssessmentDecision.Source.valueOf(rs.getString("source")), rs.getString("assessor_subject"),
                rs.getString("assessor_name"), rs.getBoolean("countersignature_needed"),
                rs.getString("countersigned_by_name"), instant(rs, "countersigned_at"), rs.getBoolean("needs_review"),
                instant(rs, "decided_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Set<AssessmentMethod> methods(String codes) {
        if (codes == null || codes.isBlank()) {
            return Set.of();
        }
        Set<AssessmentMethod> methods = EnumSet.noneOf(AssessmentMethod.class);
        for (String code : codes.split(",")) {
            methods.add(AssessmentMethod.valueOf(code.trim()));
        }
        return methods;
    }

    static String codes(Set<AssessmentMethod> methods) {
        return methods.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return Set.of();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).forEach(ids::add);
        return ids;
    }

    static String joined(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
    }
}
