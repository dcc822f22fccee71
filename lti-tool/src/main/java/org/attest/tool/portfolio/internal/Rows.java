package org.attest.tool.portfolio.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;

/** How the portfolio's rows become records, and how sets are written into one column; shared by the stores. */
public final class Rows {

    private Rows() {
    }

    static LearnerUnit learnerUnit(ResultSet rs, int row) throws SQLException {
        return new LearnerUnit(rs.getObject("id", UUID.class),
                new Course(rs.getObject("platform_id", UUID.class), rs.getString("deployment_id"), rs.getString("context_id")),
                rs.getString("learner_subject"), rs.getString("learner_name"), rs.getObject("framework_id", UUID.class),
                rs.getString("unit_code"), rs.getObject("version_id", UUID.class), rs.getInt("criteria_met"),
                rs.getInt("criteria_total"), rs.getBoolean("ready_for_sign_off"), rs.getBoolean("complete"),
                rs.getInt("awaiting_review"), instant(rs, "last_activity_at"), rs.getString("quality_hold_reason"));
    }

    /** Evidence without its files and mappings, which {@link Evidence#withParts} adds. */
    static Evidence bareEvidence(ResultSet rs, int row) throws SQLException {
        Integer witnessStatus = (Integer) rs.getObject("witness_status");
        var signedOn = rs.getObject("witness_signed_on", LocalDate.class);
        return new Evidence(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                rs.getObject("lineage_id", UUID.class), rs.getInt("version"), rs.getBoolean("is_current"),
                Evidence.Status.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("account"),
                rs.getObject("occasion_date", LocalDate.class), methods(rs.getString("methods")),
                rs.getString("customer_reference"), rs.getString("customer_descriptor"), rs.getBoolean("simulated"),
                rs.getString("location"),
                new Evidence.Witness(rs.getString("witness_name"), rs.getString("witness_contact"), witnessStatus,
                        rs.getString("witness_relationship"), rs.getString("witness_signed_name"), signedOn,
                        rs.getString("witness_confirmed_name"), instant(rs, "witness_confirmed_at")),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"), List.of(), List.of(),
                rs.getObject("gradebook_task_id", UUID.class));
    }

    static Evidence.EvidenceFile file(ResultSet rs, int row) throws SQLException {
        return new Evidence.EvidenceFile(rs.getObject("id", UUID.class), rs.getObject("evidence_id", UUID.class),
                rs.getString("storage_key"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), instant(rs, "uploaded_at"));
    }

    static Evidence.Mapping mapping(ResultSet rs) throws SQLException {
        return new Evidence.Mapping(rs.getObject("item_id", UUID.class), Evidence.ItemKind.valueOf(rs.getString("item_kind")),
                rs.getString("item_code"), MappingStatus.valueOf(rs.getString("status")),
                rs.getString("reviewed_by_name"), instant(rs, "reviewed_at"));
    }

    static AssessmentDecision decision(ResultSet rs, int row) throws SQLException {
        return new AssessmentDecision(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                rs.getObject("criterion_id", UUID.class), rs.getString("criterion_code"),
                Outcome.valueOf(rs.getString("outcome")), rs.getString("feedback"), uuids(rs.getString("evidence_relied_on")),
                AssessmentDecision.Source.valueOf(rs.getString("source")), rs.getString("assessor_subject"),
                rs.getString("assessor_name"), rs.getBoolean("countersignature_needed"),
                rs.getString("countersigned_by_name"), instant(rs, "countersigned_at"), rs.getBoolean("needs_review"),
                instant(rs, "decided_at"), rs.getString("verifier_disagreed"));
    }

    static UnitSignature signature(ResultSet rs, int row) throws SQLException {
        return new UnitSignature(rs.getObject("id", UUID.class), rs.getObject("learner_unit_id", UUID.class),
                UnitSignature.Kind.valueOf(rs.getString("kind")), rs.getString("signer_subject"),
                rs.getString("signer_name"), rs.getString("typed_name"), rs.getString("statement"),
                rs.getBoolean("needs_countersignature"), instant(rs, "signed_at"));
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

    /** Assessment methods as stored: their names, sorted, comma-separated. */
    public static String codes(Set<AssessmentMethod> methods) {
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

    /** Evidence ids as stored and audited: sorted, comma-separated. */
    static String joined(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
    }
}
