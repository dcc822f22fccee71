package org.attest.tool.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether an internal verifier (IQA) has verified a learner's unit, as the unit's recording form asks ("Sampled by
 * Internal verifier: YES/NO", the IV's signature, print name and date verified). The caller has checked that the user
 * may read the learner unit.
 */
@Service
public class UnitVerifications {

    private final JdbcClient jdbc;

    UnitVerifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The IQA's agreement with the unit when their latest decision on it agrees and stands (a trainee IQA's decision
     * stands once a qualified IQA countersigned it); empty when no IQA sampled it, did not agree, or awaits a
     * countersignature.
     */
    public Optional<Verified> agreed(UUID learnerUnitId) {
        return jdbc.sql("""
                        SELECT iqa_name, outcome, reviewed_at, countersign_needed, countersigned_name, countersigned_at
                        FROM iqa_review WHERE learner_unit_id = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1""")
                .param(learnerUnitId)
                .query((rs, n) -> {
                    Timestamp countersigned = rs.getTimestamp("countersigned_at");
                    boolean stands = "AGREE".equals(rs.getString("outcome"))
                            && (!rs.getBoolean("countersign_needed") || countersigned != null);
                    return Optional.ofNullable(stands ? new Verified(rs.getString("iqa_name"),
                            rs.getTimestamp("reviewed_at").toInstant(),
                            countersigned == null ? null : rs.getString("countersigned_name"),
                            countersigned == null ? null : countersigned.toInstant()) : null);
                })
                .list().stream().findFirst().flatMap(v -> v);
    }

    /**
     * An IQA's agreement: who (their name from their launch) and when; and who countersigned it, when the IQA was
     * working towards their qualification (both null otherwise).
     */
    public record Verified(String iqaName, Instant verifiedAt, String countersignedByName, Instant countersignedAt) {
    }
}
