package org.attest.tool.portfolio;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Assessors' qualified status per platform. An assessor counts as qualified until the centre flags
 * them otherwise; decisions and sign-offs by an unqualified assessor need a qualified countersignature.
 */
@Service
public class Assessors {

    /** An assessor as the centre administrator sees them. */
    public record AssessorStatus(UUID platformId, String subject, String name, boolean qualified, String updatedBy) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Assessors(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean qualified(UUID platformId, String subject) {
        return jdbc.sql("SELECT qualified FROM assessor_status WHERE platform_id = ? AND subject = ?")
                .params(platformId, subject).query(Boolean.class).optional().orElse(true);
    }

    /** Remembers an assessor who launched, so the centre can find them to flag; keeps any flag already set. */
    public void seen(LtiPrincipal assessor) {
        if (!assessor.has(AttestRole.ASSESSOR) || assessor.platformId() == null) {
            return;
        }
        int updated = jdbc.sql("UPDATE assessor_status SET name = ? WHERE platform_id = ? AND subject = ? AND name <> ?")
                .params(assessor.displayName(), assessor.platformId(), assessor.subject(), assessor.displayName()).update();
        if (updated == 0 && jdbc.sql("SELECT COUNT(*) FROM assessor_status WHERE platform_id = ? AND subject = ?")
                .params(assessor.platformId(), assessor.subject()).query(Integer.class).single() == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO assessor_status (platform_id, subject, name, qualified, updated_by, updated_at)
                        VALUES (?, ?, ?, TRUE, 'first launch', ?)""")
                        .params(assessor.platformId(), assessor.subject(), assessor.displayName(),
                                Timestamp.from(clock.instant()))
                        .update();
            } catch (DuplicateKeyException raced) {
                // another request of the same assessor recorded them first
            }
        }
    }

    /** Flags an assessor qualified or not; by a centre administrator, on the admin page or through the token API. */
    public void flag(UUID platformId, String subject, String name, boolean qualified, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                UPDATE assessor_status SET qualified = ?, name = COALESCE(?, name), updated_by = ?, updated_at = ?
                WHERE platform_id = ? AND subject = ?""")
                .params(qualified, name, by, now, platformId, subject).update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        INSERT INTO assessor_status (platform_id, subject, name, qualified, updated_by, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(platformId, subject, name == null ? subject : name, qualified, by, now).update();
            } catch (DuplicateKeyException raced) {
                flag(platformId, subject, name, qualified, by);
            }
        }
    }

    public List<AssessorStatus> onPlatform(UUID platformId) {
        return jdbc.sql("SELECT * FROM assessor_status WHERE platform_id = ? ORDER BY name, subject").param(platformId)
                .query((rs, n) -> new AssessorStatus(platformId, rs.getString("subject"), rs.getString("name"),
                        rs.getBoolean("qualified"), rs.getString("updated_by")))
                .list();
    }
}
