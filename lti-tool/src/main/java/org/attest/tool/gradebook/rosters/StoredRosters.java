package org.attest.tool.gradebook.rosters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attest.tool.gradebook.lms.LastError;
import org.attest.tool.gradebook.lms.Roster;
import org.attest.tool.portfolio.Course;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The course_roster_member and course_roster_sync tables (V10). A read from the LMS is applied in
 * one transaction holding the course's sync row, so two refreshes of one course never interleave and
 * a failed read leaves the previous roster as it was.
 */
@Component
class StoredRosters {

    private static final String COURSE = "platform_id = ? AND deployment_id = ? AND context_id = ?";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;

    StoredRosters(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Optional<RosterSync> sync(Course course) {
        return jdbc.sql("SELECT * FROM course_roster_sync WHERE " + COURSE)
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> sync(course, rs)).optional();
    }

    /** Everyone the course's roster has listed, by name. */
    public List<CourseMember> members(Course course) {
        return jdbc.sql("SELECT * FROM course_roster_member WHERE " + COURSE + " ORDER BY LOWER(COALESCE(name, email, subject)), subject")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> member(rs)).list();
    }

    /** How the course's roster was last read, and everyone it listed (by name). */
    record View(Optional<RosterSync> sync, List<CourseMember> members) {
    }

    /**
     * {@link #sync} and {@link #members} in one statement: one row that always exists, the sync row and the members
     * joined to it (a member row is never written before its course's sync row, but is found without one too).
     */
    View view(Course course) {
        List<CourseMember> members = new ArrayList<>();
        List<RosterSync> sync = new ArrayList<>();
        RowCallbackHandler row = rs -> {
            if (sync.isEmpty() && rs.getString("sync_context_id") != null) {
                sync.add(sync(course, rs));
            }
            if (rs.getString("subject") != null) {
                members.add(member(rs));
            }
        };
        jdbc.sql("""
                SELECT s.context_id AS sync_context_id, s.memberships_url, s.differences_url, s.refreshed_at, s.attempted_at,
                    s.last_error, s.member_count, m.subject, m.name, m.email, m.roles, m.is_learner, m.is_instructor, m.status,
                    m.first_seen_at, m.last_seen_at
                FROM (SELECT 1 AS one) course
                LEFT JOIN course_roster_sync s ON s.platform_id = ? AND s.deployment_id = ? AND s.context_id = ?
                LEFT JOIN course_roster_member m ON m.platform_id = ? AND m.deployment_id = ? AND m.context_id = ?
                ORDER BY LOWER(COALESCE(m.name, m.email, m.subject)), m.subject""")
                .params(course.platformId(), course.deploymentId(), course.contextId(),
                        course.platformId(), course.deploymentId(), course.contextId())
                .query(row);
        return new View(sync.stream().findFirst(), members);
    }

    /**
     * Starts a read if none began within {@code interval}: true when this caller may read. Any
     * replica may ask; the conditional update lets exactly one of them through.
     */
    public boolean claim(Course course, String membershipsUrl, Instant now, Duration interval) {
        if (insertSync(course, membershipsUrl, now)) {
            return true;
        }
        return jdbc.sql("UPDATE course_roster_sync SET attempted_at = ? WHERE " + COURSE + " AND attempted_at <= ?")
                .params(Timestamp.from(now), course.platformId(), course.deploymentId(), course.contextId(),
                        Timestamp.from(now.minus(interval)))
                .update() == 1;
    }

    /** Notes that a read begins now, whenever the last one was (a tutor asked for it). */
    public void attempted(Course course, String membershipsUrl, Instant now) {
        if (!insertSync(course, membershipsUrl, now)) {
            jdbc.sql("UPDATE course_roster_sync SET attempted_at = ? WHERE " + COURSE)
                    .params(Timestamp.from(now), course.platformId(), course.deploymentId(), course.contextId()).update();
        }
    }

    /**
     * A full roster: everyone listed is stored as listed; anyone stored and not listed has left
     * (status Deleted, the row kept).
     */
    public RosterSync applyFull(Course course, String membershipsUrl, Roster roster, Instant now) {
        insertSync(course, membershipsUrl, now);
        return transaction.execute(tx -> {
            lockSync(course);
            Map<String, CourseMember> known = known(course);
            Map<String, Roster.Member> listed = listed(roster);
            write(course, known, listed.values(), now);
            List<Object[]> gone = known.values().stream()
                    .filter(m -> m.status() != Roster.Status.Deleted && !listed.containsKey(m.subject()))
                    .map(m -> new Object[] {course.platformId(), course.deploymentId(), course.contextId(), m.subject()})
                    .toList();
            batch.batchUpdate("UPDATE course_roster_member SET status = 'Deleted' WHERE " + COURSE + " AND subject = ?", gone);
            return succeeded(course, membershipsUrl, roster.differencesUrl(), now);
        });
    }

    /** The changes since an earlier read: joiners and changed members stored as listed, leavers marked Deleted. */
    public RosterSync applyChanges(Course course, String membershipsUrl, Roster changes, Instant now) {
        insertSync(course, membershipsUrl, now);
        return transaction.execute(tx -> {
            lockSync(course);
            write(course, known(course), listed(changes).values(), now);
            return succeeded(course, membershipsUrl, changes.differencesUrl(), now);
        });
    }

    /** The read failed: the error is kept for the caseload, the roster is left as it was. */
    public RosterSync failed(Course course, String membershipsUrl, String error, Instant now) {
        String message = error == null || error.isBlank() ? "the roster could not be read" : error;
        insertSync(course, membershipsUrl, now);
        // The URL of the last good read stays: its differences link belongs to it.
        jdbc.sql("UPDATE course_roster_sync SET memberships_url = COALESCE(memberships_url, ?), attempted_at = ?, last_error = ? WHERE "
                        + COURSE)
                .params(membershipsUrl, Timestamp.from(now), LastError.fitted(message),
                        course.platformId(), course.deploymentId(), course.contextId())
                .update();
        return sync(course).orElseThrow();
    }

    /** Adds the course's sync row unless it exists; call outside a transaction. */
    private boolean insertSync(Course course, String membershipsUrl, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO course_roster_sync (platform_id, deployment_id, context_id, memberships_url, attempted_at, member_count)
                    VALUES (?, ?, ?, ?, ?, 0)""")
                    .params(course.platformId(), course.deploymentId(), course.contextId(), membershipsUrl, Timestamp.from(now))
                    .update();
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Holds the course's sync row (inserted before the transaction: a duplicate key would abort it on PostgreSQL). */
    private void lockSync(Course course) {
        jdbc.sql("SELECT context_id FROM course_roster_sync WHERE " + COURSE + " FOR UPDATE")
                .params(course.platformId(), course.deploymentId(), course.contextId()).query(String.class).single();
    }

    private Map<String, CourseMember> known(Course course) {
        return members(course).stream().collect(Collectors.toMap(CourseMember::subject, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    /** By user id; a platform that lists someone twice (pages shifting under the read) counts them once, as last listed. */
    private static Map<String, Roster.Member> listed(Roster roster) {
        Map<String, Roster.Member> listed = new LinkedHashMap<>();
        roster.members().forEach(m -> listed.put(m.userId(), m));
        return listed;
    }

    private void write(Course course, Map<String, CourseMember> known, Iterable<Roster.Member> listed, Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Roster.Member m : listed) {
            CourseMember before = known.get(m.userId());
            // A differences entry for someone who left may carry no name, email or roles: keep what was known.
            String name = firstNonBlank(name(m), before == null ? null : before.name());
            String email = firstNonBlank(m.email(), before == null ? null : before.email());
            boolean sameRoles = m.roles().isEmpty() && before != null;
            String roles = sameRoles ? String.join(" ", before.roles()) : String.join(" ", m.roles());
            boolean learner = sameRoles ? before.learner() : m.isLearner();
            boolean instructor = sameRoles ? before.instructor() : m.isInstructor();
            if (before == null) {
                inserts.add(new Object[] {course.platformId(), course.deploymentId(), course.contextId(), m.userId(), name, email,
                        roles, learner, instructor, m.status().name(), at, at});
            } else {
                updates.add(new Object[] {name, email, roles, learner, instructor, m.status().name(), at,
                        course.platformId(), course.deploymentId(), course.contextId(), m.userId()});
            }
        }
        batch.batchUpdate("""
                INSERT INTO course_roster_member (platform_id, deployment_id, context_id, subject, name, email, roles, is_learner,
                    is_instructor, status, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        batch.batchUpdate("UPDATE course_roster_member SET name = ?, email = ?, roles = ?, is_learner = ?, is_instructor = ?, "
                + "status = ?, last_seen_at = ? WHERE " + COURSE + " AND subject = ?", updates);
    }

    private RosterSync succeeded(Course course, String membershipsUrl, String differencesUrl, Instant now) {
        int count = jdbc.sql("SELECT COUNT(*) FROM course_roster_member WHERE " + COURSE + " AND status <> 'Deleted'")
                .params(course.platformId(), course.deploymentId(), course.contextId()).query(Integer.class).single();
        jdbc.sql("""
                UPDATE course_roster_sync SET memberships_url = ?, differences_url = ?, refreshed_at = ?, last_error = NULL,
                    member_count = ? WHERE\s""" + COURSE)
                .params(membershipsUrl, differencesUrl, Timestamp.from(now), count, course.platformId(), course.deploymentId(),
                        course.contextId())
                .update();
        return sync(course).orElseThrow();
    }

    private static String name(Roster.Member m) {
        if (m.name() != null && !m.name().isBlank()) {
            return m.name();
        }
        String joined = ((m.givenName() == null ? "" : m.givenName()) + " " + (m.familyName() == null ? "" : m.familyName())).trim();
        return joined.isEmpty() ? null : joined;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static RosterSync sync(Course course, ResultSet rs) throws SQLException {
        return new RosterSync(course, rs.getString("memberships_url"), rs.getString("differences_url"),
                instant(rs.getTimestamp("refreshed_at")), instant(rs.getTimestamp("attempted_at")), rs.getString("last_error"),
                rs.getInt("member_count"));
    }

    private static CourseMember member(ResultSet rs) throws SQLException {
        String roles = rs.getString("roles");
        return new CourseMember(rs.getString("subject"), rs.getString("name"), rs.getString("email"),
                roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(" ")), rs.getBoolean("is_learner"),
                rs.getBoolean("is_instructor"), Roster.Status.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("first_seen_at")), instant(rs.getTimestamp("last_seen_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
