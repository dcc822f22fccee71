package org.attest.tool.gradebook.scores;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.attest.tool.gradebook.lms.Score;

/** Rows of {@code score_outbox} as {@link QueuedScore}s, and the whole-second arithmetic of score timestamps. */
final class OutboxRows {

    /**
     * Which score is newer is told by queue order, not by {@code score_timestamp} (a re-stamp moves an old score's
     * timestamp seconds ahead): a row is newer than another of its learner and column when it was queued later
     * ({@code created_at}, which {@code ScoreOutbox} makes strictly increase per learner and column; scores queued at
     * the same microsecond by concurrent transactions are ordered by id, so the order is total on H2 and PostgreSQL).
     * This is a subquery finding a waiting or delivered row queued after the row {@code o} of the enclosing statement.
     */
    public static final String LATER_QUEUED = """
            SELECT 1 FROM score_outbox n WHERE n.platform_id = o.platform_id AND n.resource_link_id = o.resource_link_id
              AND n.user_id = o.user_id AND n.state IN ('PENDING', 'DELIVERED')
              AND (n.created_at > o.created_at OR (n.created_at = o.created_at AND n.id > o.id))""";

    private OutboxRows() {
    }

    /**
     * A score's timestamp: {@code wanted}, but later in whole seconds than {@code previous} (the score sent before it, or
     * its own refused timestamp), as Moodle refuses a score whose second is not later than its grade's. No previous:
     * {@code wanted}.
     */
    public static Instant stampAfter(Instant wanted, Instant previous) {
        return previous == null ? wanted : later(wanted, wholeSecondAfter(previous));
    }

    /**
     * A fresh timestamp for sending a score stamped {@code old} again: {@code now} rounded up to a whole second plus
     * {@code secondsAhead}, and after {@code old}.
     */
    public static Instant restamp(Instant now, long secondsAhead, Instant old) {
        return stampAfter(wholeSecondFrom(now).plusSeconds(secondsAhead), old);
    }

    /** The first whole second after {@code t}: 10:00:03.4 and 10:00:03.0 give 10:00:04. */
    static Instant wholeSecondAfter(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** {@code t} rounded up to a whole second: 10:00:03.4 gives 10:00:04, 10:00:03.0 stays. */
    static Instant wholeSecondFrom(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.SECONDS);
        return down.equals(t) ? t : down.plusSeconds(1);
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    public static QueuedScore row(ResultSet rs) throws SQLException {
        int lastStatus = rs.getInt("last_status");
        Integer status = rs.wasNull() ? null : lastStatus;
        return new QueuedScore(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getString("resource_link_id"), rs.getObject("learner_unit_id", UUID.class),
                QueuedScore.Reason.valueOf(rs.getString("reason")), score(rs), QueuedScore.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), status, rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "finished_at"), rs.getInt("restamps"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Score score(ResultSet rs) throws SQLException {
        double given = rs.getDouble("score_given");
        Double scoreGiven = rs.wasNull() ? null : given;
        double maximum = rs.getDouble("score_maximum");
        Double scoreMaximum = rs.wasNull() ? null : maximum;
        return new Score(rs.getString("user_id"), scoreGiven, scoreMaximum, rs.getString("comment"),
                Score.ActivityProgress.valueOf(rs.getString("activity_progress")),
                Score.GradingProgress.valueOf(rs.getString("grading_progress")), instant(rs, "score_timestamp"));
    }
}
