package org.attest.tool.gradebook.tasks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The last grade seen for each learner on each assessment task, and what Attest made of it ({@code assessment_task_grade}). */
@Component
class TaskGrades {

    /** The last grade seen for a learner. */
    public record Seen(String userId, Double score, Double maximum, Instant gradedAt, boolean applied, UUID learnerUnitId) {

        public boolean same(Double newScore, double newMaximum, Instant newGradedAt) {
            return Objects.equals(score, newScore) && (newScore == null || Objects.equals(maximum, newMaximum))
                    && Objects.equals(gradedAt, newGradedAt);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    TaskGrades(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every learner's grade on the task as last read, with their name in the portfolio when they have one there. */
    public List<GradebookGrades.TaskGrade> all(AssessmentTask task) {
        return jdbc.sql("""
                SELECT g.*, lu.learner_name FROM assessment_task_grade g LEFT JOIN learner_unit lu ON lu.id = g.learner_unit_id
                WHERE g.task_id = ? ORDER BY lu.learner_name, g.user_id""")
                .param(task.id())
                .query((rs, n) -> new GradebookGrades.TaskGrade(rs.getString("user_id"), rs.getString("learner_name"),
                        rs.getObject("learner_unit_id", UUID.class), (Double) rs.getObject("result_score", Double.class),
                        (Double) rs.getObject("result_maximum", Double.class), AssessmentTasks.instant(rs, "result_timestamp"),
                        rs.getBoolean("passed"), rs.getBoolean("applied"), rs.getString("note"),
                        AssessmentTasks.instant(rs, "seen_at")))
                .list();
    }

    /** The last grade seen per learner (LMS user id). */
    public Map<String, Seen> seen(AssessmentTask task) {
        Map<String, Seen> seen = new HashMap<>();
        jdbc.sql("SELECT * FROM assessment_task_grade WHERE task_id = ?").param(task.id())
                .query((rs, n) -> new Seen(rs.getString("user_id"), (Double) rs.getObject("result_score", Double.class),
                        (Double) rs.getObject("result_maximum", Double.class), AssessmentTasks.instant(rs, "result_timestamp"),
                        rs.getBoolean("applied"), rs.getObject("learner_unit_id", UUID.class)))
                .list().forEach(s -> seen.put(s.userId(), s));
        return seen;
    }

    public void remember(AssessmentTask task, String userId, Double score, Double maximum, Instant gradedAt, boolean passed,
            boolean applied, UUID learnerUnitId, String note) {
        Timestamp at = gradedAt == null ? null : Timestamp.from(gradedAt);
        Timestamp now = Timestamp.from(clock.instant());
        String shortNote = note.length() > 1000 ? note.substring(0, 999) + "…" : note;
        int updated = jdbc.sql("""
                UPDATE assessment_task_grade SET result_score = ?, result_maximum = ?, result_timestamp = ?, passed = ?,
                    applied = ?, learner_unit_id = ?, note = ?, seen_at = ? WHERE task_id = ? AND user_id = ?""")
                .params(score, maximum, at, passed, applied, learnerUnitId, shortNote, now, task.id(), userId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO assessment_task_grade (task_id, user_id, result_score, result_maximum, result_timestamp, passed,
                        applied, learner_unit_id, note, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(task.id(), userId, score, maximum, at, passed, applied, learnerUnitId, shortNote, now).update();
        }
    }
}
