package org.attest.tool.portfolio.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code learner_unit} table: one row per learner and unit in a course, with the counts the pages and queues read. */
@Repository
public class LearnerUnitStore {

    /** What the row keeps up to date after every change, so lists and queues never recompute completion. */
    public record Counts(int criteriaMet, int criteriaTotal, boolean readyForSignOff, boolean complete, int awaitingReview,
            int evidenceToMark, int awaitingCountersignature) {
    }

    private final JdbcClient jdbc;

    LearnerUnitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LearnerUnit> byId(UUID id) {
        return jdbc.sql("SELECT * FROM learner_unit WHERE id = ?").param(id).query(Rows::learnerUnit).optional();
    }

    public Optional<LearnerUnit> find(Course course, String subject, UUID frameworkId, String unitCode) {
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND learner_subject = ? AND framework_id = ? AND unit_code = ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), subject, frameworkId, unitCode)
                .query(Rows::learnerUnit).optional();
    }

    /** Starts a learner's unit with nothing met; false when another request started the same one first. */
    public boolean insert(UUID id, Course course, String learnerSubject, String learnerName, UUID frameworkId,
            String unitCode, UUID versionId, int criteriaTotal, Instant at) {
        Timestamp now = Timestamp.from(at);
        // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed INSERT aborts the transaction, and
        // the caller reads the row that won the race in that same transaction.
        return jdbc.sql("""
                INSERT INTO learner_unit (id, platform_id, deployment_id, context_id, learner_subject, learner_name,
                    framework_id, unit_code, version_id, criteria_met, criteria_total, ready_for_sign_off, complete,
                    awaiting_review, last_activity_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, FALSE, FALSE, 0, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(id, course.platformId(), course.deploymentId(), course.contextId(), learnerSubject,
                        learnerName, frameworkId, unitCode, versionId, criteriaTotal, now, now)
                .update() == 1;
    }

    /** Keeps the learner's name as the LMS last sent it. */
    public void rename(UUID id, String learnerName) {
        jdbc.sql("UPDATE learner_unit SET learner_name = ? WHERE id = ? AND learner_name <> ?")
                .params(learnerName, id, learnerName).update();
    }

    /** The name the learner has in their most recently active unit of the course. */
    public Optional<String> latestName(Course course, String learnerSubject) {
        return jdbc.sql("""
                SELECT learner_name FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND learner_subject = ? ORDER BY last_activity_at DESC LIMIT 1""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), learnerSubject)
                .query(String.class).optional();
    }

    /** The course's learner units, by learner; one unit's, or every unit's when {@code unitCode} is null. */
    public List<LearnerUnit> inCourse(Course course, String unitCode) {
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND (CAST(? AS VARCHAR(64)) IS NULL OR unit_code = ?)
                ORDER BY learner_name, learner_subject, unit_code""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), unitCode, unitCode)
                .query(Rows::learnerUnit).list();
    }

    /** A course with how many learner units and learners it has. */
    public record CourseSize(Course course, int learnerUnits, int learners) {
    }

    /** Every course with learner units on the platform ({@code null}: on every platform), by platform and course id. */
    public List<CourseSize> courses(UUID platformId) {
        return jdbc.sql("""
                        SELECT platform_id, deployment_id, context_id, COUNT(*) AS units,
                            COUNT(DISTINCT learner_subject) AS learners
                        FROM learner_unit WHERE CAST(? AS UUID) IS NULL OR platform_id = ?
                        GROUP BY platform_id, deployment_id, context_id
                        ORDER BY platform_id, context_id, deployment_id""")
                .params(platformId, platformId)
                .query((rs, n) -> new CourseSize(new Course(rs.getObject("platform_id", UUID.class),
                        rs.getString("deployment_id"), rs.getString("context_id")), rs.getInt("units"), rs.getInt("learners")))
                .list();
    }

    /** A course's learner units of one unit (all when null) and the course's queue sizes. */
    public record Caseload(List<LearnerUnit> learners, AssessmentQueues.QueueSizes sizes) {
    }

    /**
     * {@link #inCourse} and {@link #queueSizes} in one statement: the sizes ride on every row, so only a caseload
     * without learners in view asks for them apart.
     */
    public Caseload caseload(Course course, String unitCode) {
        long[] sizes = {-1, -1};
        List<LearnerUnit> learners = jdbc.sql("""
                SELECT lu.*, q.to_mark AS course_to_mark, q.to_countersign AS course_to_countersign
                FROM learner_unit lu CROSS JOIN (
                    SELECT COALESCE(SUM(evidence_to_mark), 0) AS to_mark, COALESCE(SUM(awaiting_countersignature), 0) AS to_countersign
                    FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?) q
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ?
                  AND (CAST(? AS VARCHAR(64)) IS NULL OR lu.unit_code = ?)
                ORDER BY lu.learner_name, lu.learner_subject, lu.unit_code""")
                .params(course.platformId(), course.deploymentId(), course.contextId(),
                        course.platformId(), course.deploymentId(), course.contextId(), unitCode, unitCode)
                .query((rs, n) -> {
                    sizes[0] = rs.getLong("course_to_mark");
                    sizes[1] = rs.getLong("course_to_countersign");
                    return Rows.learnerUnit(rs, n);
                }).list();
        return new Caseload(learners, learners.isEmpty() ? queueSizes(course) : new AssessmentQueues.QueueSizes(sizes[0], sizes[1]));
    }

    /** A learner's units in one course: read by every page a learner opens (the unit switcher). */
    static final String OF_LEARNER = """
            SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
              AND learner_subject = ? ORDER BY unit_code""";

    public List<LearnerUnit> ofLearner(Course course, String learnerSubject) {
        return jdbc.sql(OF_LEARNER)
                .params(course.platformId(), course.deploymentId(), course.contextId(), learnerSubject)
                .query(Rows::learnerUnit).list();
    }

    public List<UUID> onFramework(UUID frameworkId) {
        return jdbc.sql("SELECT id FROM learner_unit WHERE framework_id = ? ORDER BY id").param(frameworkId)
                .query(UUID.class).list();
    }

    public void moveToVersion(UUID id, UUID versionId) {
        jdbc.sql("UPDATE learner_unit SET version_id = ? WHERE id = ?").params(versionId, id).update();
    }

    public void saveCounts(UUID id, Counts counts, Instant at) {
        jdbc.sql("""
                UPDATE learner_unit SET criteria_met = ?, criteria_total = ?, ready_for_sign_off = ?, complete = ?,
                    awaiting_review = ?, evidence_to_mark = ?, awaiting_countersignature = ?, last_activity_at = ?
                WHERE id = ?""")
                .params(counts.criteriaMet(), counts.criteriaTotal(), counts.readyForSignOff(), counts.complete(),
                        counts.awaitingReview(), counts.evidenceToMark(), counts.awaitingCountersignature(),
                        Timestamp.from(at), id)
                .update();
    }

    /** The course's queue lengths, from the counts each learner unit keeps (one indexed query). */
    public AssessmentQueues.QueueSizes queueSizes(Course course) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(evidence_to_mark), 0) AS to_mark, COALESCE(SUM(awaiting_countersignature), 0) AS to_countersign
                FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query((rs, n) -> new AssessmentQueues.QueueSizes(rs.getLong("to_mark"), rs.getLong("to_countersign")))
                .single();
    }

    /** An internal verifier holds the unit: it cannot be complete until they release it. */
    public void hold(UUID id, String reason, String bySubject, String byName, Instant at) {
        jdbc.sql("""
                UPDATE learner_unit SET quality_hold_reason = ?, quality_hold_by = ?, quality_hold_by_name = ?, quality_hold_at = ?
                WHERE id = ?""")
                .params(reason, bySubject, byName, Timestamp.from(at), id).update();
    }

    /** The course's learner units an internal verifier holds, oldest hold first: work waiting for the assessor. */
    public List<LearnerUnit> heldInCourse(Course course) {
        return jdbc.sql("""
                SELECT * FROM learner_unit WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                  AND quality_hold_reason IS NOT NULL
                ORDER BY quality_hold_at, learner_name, unit_code""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query(Rows::learnerUnit).list();
    }

    public void release(UUID id) {
        jdbc.sql("""
                UPDATE learner_unit SET quality_hold_reason = NULL, quality_hold_by = NULL, quality_hold_by_name = NULL,
                    quality_hold_at = NULL
                WHERE id = ?""")
                .param(id).update();
    }

    /** Holds the row until the transaction ends, so two changes to one learner's unit run one after the other. */
    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM learner_unit WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }
}
