package org.attest.tool.portfolio.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.internal.AssessmentQueues.PendingCountersignature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code unit_signature} table: declarations, sign-offs and countersignatures; a withdrawn one is kept, marked. */
@Repository
public class SignatureStore {

    private final JdbcClient jdbc;

    SignatureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Signatures in force (not withdrawn), oldest first. */
    public List<UnitSignature> signatures(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM unit_signature WHERE learner_unit_id = ? AND withdrawn_at IS NULL ORDER BY signed_at")
                .param(learnerUnitId).query(Rows::signature).list();
    }

    public void sign(NewSignature s) {
        jdbc.sql("""
                INSERT INTO unit_signature (id, learner_unit_id, kind, signer_subject, signer_name, typed_name, statement,
                    needs_countersignature, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), s.learnerUnitId(), s.kind().name(), s.signerSubject(), s.signerName(),
                        s.typedName(), s.statement(), s.needsCountersignature(), Timestamp.from(s.at()))
                .update();
    }

    /** Withdraws the learner's declaration in force; false when there was none. */
    public boolean withdrawDeclaration(UUID learnerUnitId, Instant at) {
        return jdbc.sql("""
                UPDATE unit_signature SET withdrawn_at = ? WHERE learner_unit_id = ? AND kind = 'DECLARATION'
                  AND withdrawn_at IS NULL""")
                .params(Timestamp.from(at), learnerUnitId).update() > 0;
    }

    /** Withdraws the sign-off in force and its countersignature (kept, marked); the kinds withdrawn, none when unsigned. */
    public List<UnitSignature.Kind> withdrawSignOff(UUID learnerUnitId, Instant at) {
        List<UnitSignature.Kind> inForce = signatures(learnerUnitId).stream().map(UnitSignature::kind)
                .filter(k -> k != UnitSignature.Kind.DECLARATION).toList();
        if (!inForce.isEmpty()) {
            jdbc.sql("""
                    UPDATE unit_signature SET withdrawn_at = ? WHERE learner_unit_id = ?
                      AND kind IN ('SIGN_OFF', 'SIGN_OFF_COUNTERSIGNATURE') AND withdrawn_at IS NULL""")
                    .params(Timestamp.from(at), learnerUnitId).update();
        }
        return inForce;
    }

    /** Sign-offs in the course by unqualified assessors that no qualified assessor has countersigned yet, oldest first. */
    public List<PendingCountersignature> signOffsAwaitingCountersignature(Course course) {
        return jdbc.sql("""
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
                        rs.getString("signer_name"), Rows.instant(rs, "signed_at")))
                .list();
    }
}
