package org.attest.tool.portfolio.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.internal.Assessors.AssessorStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code assessor_status} table: each assessor's qualified flag on a platform, and who set it. */
@Repository
public class AssessorStore {

    private final JdbcClient jdbc;

    AssessorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The assessor's row; empty for an assessor the centre never flagged and who never launched. */
    public Optional<AssessorStatus> status(UUID platformId, String subject) {
        return jdbc.sql("SELECT * FROM assessor_status WHERE platform_id = ? AND subject = ?")
                .params(platformId, subject).query((rs, n) -> status(platformId, rs)).optional();
    }

    /** Keeps the name as the LMS last sent it; false when the assessor has no row yet (or the name is unchanged). */
    public boolean rename(UUID platformId, String subject, String name) {
        return jdbc.sql("UPDATE assessor_status SET name = ? WHERE platform_id = ? AND subject = ? AND name <> ?")
                .params(name, platformId, subject, name).update() > 0;
    }

    /** Sets the flag of an assessor who has a row; false when they have none. A null name keeps the one stored. */
    public boolean update(UUID platformId, String subject, String name, boolean qualified, String by, Instant at) {
        return jdbc.sql("""
                UPDATE assessor_status SET qualified = ?, name = COALESCE(?, name), updated_by = ?, updated_at = ?
                WHERE platform_id = ? AND subject = ?""")
                .params(qualified, name, by, Timestamp.from(at), platformId, subject).update() > 0;
    }

    /** Adds the assessor's row; false when another request added it first. */
    public boolean insert(UUID platformId, String subject, String name, boolean qualified, String by, Instant at) {
        try {
            jdbc.sql("""
                    INSERT INTO assessor_status (platform_id, subject, name, qualified, updated_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(platformId, subject, name, qualified, by, Timestamp.from(at)).update();
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    public List<AssessorStatus> onPlatform(UUID platformId) {
        return jdbc.sql("SELECT * FROM assessor_status WHERE platform_id = ? ORDER BY name, subject").param(platformId)
                .query((rs, n) -> status(platformId, rs)).list();
    }

    private static AssessorStatus status(UUID platformId, ResultSet rs) throws SQLException {
        return new AssessorStatus(platformId, rs.getString("subject"), rs.getString("name"), rs.getBoolean("qualified"),
                rs.getString("updated_by"));
    }
}
