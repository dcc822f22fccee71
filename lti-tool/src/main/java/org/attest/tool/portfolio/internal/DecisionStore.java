package org.attest.tool.portfolio.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.internal.AssessmentQueues.PendingCountersignature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code assessment_decision} table: every decision ever made, the current one per criterion flagged. */
@Repository
public class DecisionStore {

    private final JdbcClient jdbc;

    DecisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AssessmentDecision> currentDecisions(UUID learnerUnitId) {
        return jdbc.sql("SELECT * FROM assessment_decision WHERE learner_unit_id = ? AND is_current = TRUE ORDER BY criterion_code")
                .param(learnerUnitId).query(Rows::decision).list();
    }

    public Optional<AssessmentDecision> decision(UUID id) {
        return jdbc.sql("SELECT * FROM assessment_decision WHERE id = ?").param(id).query(Rows::decision).optional();
    }

    /** Records the decision as the current one on its criterion, superseding the one before. */
    public void record(NewDecision d) {
        jdbc.sql("UPDATE assessment_decision SET is_current = FALSE WHERE learner_unit_id = ? AND criterion_id = ? AND is_current = TRUE")
                .params(d.learnerUnitId(), d.criterion().id()).update();
        jdbc.sql("""
                INSERT INTO assessment_decision (id, learner_unit_id, criterion_id, criterion_code, outcome, feedback,
                    evidence_relied_on, source, assessor_subject, assessor_name, countersignature_needed, needs_review,
                    is_current, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, TRUE, ?)""")
                .params(d.id(), d.learnerUnitId(), d.criterion().id(), d.criterion().code(), d.outcome().name(), d.feedback(),
                        Rows.joined(d.evidenceReliedOn()), d.source().name(), d.assessorSubject(), d.assessorName(),
                        d.countersignatureNeeded(), Timestamp.from(d.at()))
                .update();
        if (d.source() == org.attest.tool.portfolio.AssessmentDecision.Source.ASSESSOR) {
            // the assessor's first decision at the centre, kept for the sampling rules (firstDecisions)
            jdbc.sql("""
                    INSERT INTO assessor_first_decision (platform_id, assessor_subject, first_at)
                    SELECT lu.platform_id, ?, ? FROM learner_unit lu WHERE lu.id = ? ON CONFLICT DO NOTHING""")
                    .params(d.assessorSubject(), Timestamp.from(d.at()), d.learnerUnitId()).update();
        }
    }

    /** False when the decision no longer waits for a countersignature: countersigned or replaced meanwhile. */
    public boolean countersign(UUID id, String bySubject, String byName, Instant at) {
        return jdbc.sql("""
                UPDATE assessment_decision SET countersigned_by = ?, countersigned_by_name = ?, countersigned_at = ?
                WHERE id = ? AND is_current = TRUE AND countersignature_needed = TRUE AND countersigned_at IS NULL""")
                .params(bySubject, byName, Timestamp.from(at), id)
                .update() == 1;
    }

    /** Flags the current decision on a criterion whose statement changed; the number of decisions flagged. */
    public int flagForReview(UUID learnerUnitId, UUID criterionId) {
        return jdbc.sql("""
                UPDATE assessment_decision SET needs_review = TRUE
                WHERE learner_unit_id = ? AND criterion_id = ? AND is_current = TRUE""")
                .params(learnerUnitId, criterionId).update();
    }

    /** When each assessor of the centre made their first assessment decision there (gradebook grades left out). */
    public java.util.Map<String, java.time.Instant> firstDecisions(UUID platformId) {
        java.util.Map<String, java.time.Instant> first = new java.util.HashMap<>();
        jdbc.sql("SELECT assessor_subject, first_at FROM assessor_first_decision WHERE platform_id = ?")
                .param(platformId).query(rs -> {
                    first.put(rs.getString("assessor_subject"), rs.getTimestamp("first_at").toInstant());
                });
        return first;
    }

    /** Marks the current decision on a criterion as one the internal verifier did not agree with; false when there is none. */
    public boolean flagDisagreed(UUID learnerUnitId, UUID criterionId, String reason) {
        return jdbc.sql("""
                UPDATE assessment_decision SET verifier_disagreed = ?
                WHERE learner_unit_id = ? AND criterion_id = ? AND is_current = TRUE""")
                .params(reason, learnerUnitId, criterionId).update() > 0;
    }

    /** The internal verifier agrees after all: their reasons leave the unit's current decisions; the number cleared. */
    public int clearDisagreements(UUID learnerUnitId) {
        return jdbc.sql("""
                UPDATE assessment_decision SET verifier_disagreed = NULL
                WHERE learner_unit_id = ? AND is_current = TRUE AND verifier_disagreed IS NOT NULL""")
                .param(learnerUnitId).update();
    }

    /** Current decisions in the course waiting for a qualified countersignature, oldest first, at most {@code limit}. */
    public List<PendingCountersignature> awaitingCountersignature(Course course, int limit) {
        return jdbc.sql("""
                SELECT d.*, lu.learner_name, lu.unit_code FROM assessment_decision d
                JOIN learner_unit lu ON lu.id = d.learner_unit_id
                WHERE lu.platform_id = ? AND lu.deployment_id = ? AND lu.context_id = ? AND lu.awaiting_countersignature > 0
                  AND d.is_current = TRUE AND d.countersignature_needed = TRUE AND d.countersigned_at IS NULL
                ORDER BY d.decided_at, d.id
                LIMIT ?""")
                .params(course.platformId(), course.deploymentId(), course.contextId(), limit)
                .query((rs, n) -> new PendingCountersignature(rs.getObject("id", UUID.class),
                        PendingCountersignature.Kind.DECISION, rs.getObject("learner_unit_id", UUID.class),
                        rs.getString("learner_name"), rs.getString("unit_code"), rs.getString("criterion_code"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("feedback"), rs.getString("assessor_name"),
                        Rows.instant(rs, "decided_at")))
                .list();
    }
}
