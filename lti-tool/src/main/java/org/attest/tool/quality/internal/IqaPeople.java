package org.attest.tool.quality.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.AccessRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The internal quality assurers a centre (platform) has named, with their qualification, whether they are still
 * working towards it (then a qualified IQA countersigns their decisions) and whether they lead the centre's IQA team.
 * An IQA who stops is kept inactive, never deleted: the records they signed name them. Holds all SQL of
 * {@code iqa_person}.
 */
@Service
public class IqaPeople {

    /** The longest qualification text a centre records ("TAQA Level 4 Award in the Internal Quality Assurance..."). */
    public static final int QUALIFICATION_MAX = 100;

    /** One IQA as the centre set them. */
    public record Iqa(UUID platformId, String subject, String name, String qualification, boolean workingTowards,
            boolean lead, boolean active, String updatedBy, Instant updatedAt) {

        /** An active IQA whose decisions count without a countersignature. */
        public boolean qualified() {
            return active && !workingTowards;
        }
    }

    /** What a centre administrator sets for one person. */
    public record Appointment(String qualification, boolean workingTowards, boolean lead, boolean active) {

        public Appointment {
            qualification = qualification == null ? "" : qualification.strip();
            if (active && qualification.isEmpty()) {
                throw new IllegalArgumentException("Say which IQA qualification they hold or are working towards "
                        + "(for example TAQA Level 4, V1 or D34)");
            }
            if (qualification.length() > QUALIFICATION_MAX) {
                throw new IllegalArgumentException("The qualification is " + qualification.length()
                        + " characters long; write at most " + QUALIFICATION_MAX);
            }
            if (lead && !active) {
                throw new IllegalArgumentException("A lead IQA must be an active IQA");
            }
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessRecords records;

    IqaPeople(JdbcClient jdbc, Clock clock, AccessRecords records) {
        this.records = records;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Everyone the centre ever named IQA, active or not, by name. */
    public List<Iqa> onPlatform(UUID platformId) {
        return jdbc.sql("SELECT * FROM iqa_person WHERE platform_id = ? ORDER BY name, subject").param(platformId)
                .query(IqaPeople::iqa).list();
    }

    /** The person's IQA record on the platform, active or not; empty if never named. */
    public Optional<Iqa> find(UUID platformId, String subject) {
        return jdbc.sql("SELECT * FROM iqa_person WHERE platform_id = ? AND subject = ?").params(platformId, subject)
                .query(IqaPeople::iqa).optional();
    }

    /** The person is an active IQA of the platform. */
    public Optional<Iqa> active(UUID platformId, String subject) {
        return find(platformId, subject).filter(Iqa::active);
    }

    /** Names (or changes, or stands down) an IQA. */
    @Transactional
    public Iqa appoint(UUID platformId, String subject, String name, Appointment appointment, String by) {
        Instant now = clock.instant();
        // insert if missing (two administrators at once: one inserts, neither fails), then set what was chosen
        jdbc.sql("""
                INSERT INTO iqa_person (platform_id, subject, name, qualification, working_towards, lead, active, updated_by,
                    updated_at) VALUES (?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?) ON CONFLICT DO NOTHING""")
                .params(platformId, subject, name, appointment.qualification(), by, Timestamp.from(now)).update();
        jdbc.sql("""
                UPDATE iqa_person SET name = ?, qualification = ?, working_towards = ?, lead = ?, active = ?, updated_by = ?,
                    updated_at = ? WHERE platform_id = ? AND subject = ?""")
                .params(name, appointment.qualification(), appointment.workingTowards(), appointment.lead(),
                        appointment.active(), by, Timestamp.from(now), platformId, subject)
                .update();
        IqaPeople.Iqa named = find(platformId, subject).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("subject", subject);
        detail.put("name", name);
        detail.put("qualification", appointment.qualification());
        detail.put("workingTowards", appointment.workingTowards());
        detail.put("lead", appointment.lead());
        detail.put("active", appointment.active());
        records.record(platformId, by, by, AccessRecords.Event.IQA_APPOINTED, null, detail);
        return named;
    }

    private static Iqa iqa(ResultSet rs, int n) throws SQLException {
        return new Iqa(rs.getObject("platform_id", UUID.class), rs.getString("subject"), rs.getString("name"),
                rs.getString("qualification"), rs.getBoolean("working_towards"), rs.getBoolean("lead"),
                rs.getBoolean("active"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }
}
