package org.attest.tool.gradebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable queue of scores on their way to platforms. A score is written in the same transaction
 * as the change that caused it, so a decision and its score are both kept or both lost. Replicas
 * claim due rows with {@code FOR UPDATE SKIP LOCKED}, so each row is sent by one of them; a claim
 * expires, so a replica that dies mid-send leaves nothing stuck. Only the newest score per
 * (platform, activity, learner) has to arrive: a newer one supersedes older rows not being sent, and
 * a row whose learner and column have one being sent waits for it, so scores reach the platform in order.
 */
@Service
public class ScoreOutbox {

    /** Where the queue stands, for the admin page. */
    public record Status(long pending, Duration oldestPendingAge, long failed, long deliveredLastDay,
            Instant lastDeliveredAt, long neededMoreTriesLastDay) {

        /** "45 s", "12 min", "3 h 5 min": how long the oldest waiting score has waited. */
        public String oldestWaitingFor() {
            long s = oldestPendingAge.toSeconds();
            return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h " + s % 3600 / 60 + " min";
        }
    }

    /**
     * A score the admin page lists, with the names a person knows: the learner's (from their portfolio or
     * the course roster, else "learner {id}") and the activity's (the unit bound to it, else its link id).
     */
    public record Problem(QueuedScore score, String learner, String activity) {
    }

    /** A new score was queued; delivery is nudged once the transaction commits. */
    record ScoreQueued(UUID platformId) {
    }

    private static final String KEY = "platform_id = ? AND resource_link_id = ? AND user_id = ?";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScoreOutbox(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a score for one learner on one activity's column, in the caller's transaction. Returns
     * false when the score says nothing new (the same as the last one queued or delivered). Per learner
     * and column, timestamps strictly increase in whole seconds (Moodle refuses a score whose second is
     * not later than its grade's): a score within the same second as one already sent or being sent is
     * stamped the next whole second; older unsent ones are superseded, so changes within a second coalesce.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(UUID platformId, String resourceLinkId, UUID learnerUnitId, QueuedScore.Reason reason, Score score) {
        Optional<Score> last = jdbc.sql("SELECT * FROM score_outbox WHERE " + KEY
                        + " AND state IN ('PENDING', 'DELIVERED') ORDER BY score_timestamp DESC, created_at DESC LIMIT 1")
                .params(platformId, resourceLinkId, score.userId())
                .query((rs, n) -> score(rs)).optional();
        if (last.isPresent() && sameContent(last.get(), score)) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE score_outbox SET state = 'SUPERSEDED', finished_at = ?, claimed_by = NULL WHERE " + KEY
                        + " AND (state = 'FAILED' OR (state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)))")
                .params(now, platformId, resourceLinkId, score.userId(), now)
                .update();
        // what is left for the pair was sent, or is being sent: the new score must come after it in whole seconds
        Timestamp kept = jdbc.sql("SELECT MAX(score_timestamp) FROM score_outbox WHERE " + KEY
                        + " AND state IN ('PENDING', 'DELIVERED')")
                .params(platformId, resourceLinkId, score.userId()).query(Timestamp.class).optional().orElse(null);
        Instant stamp = kept == null ? score.timestamp() : later(score.timestamp(), wholeSecondAfter(kept.toInstant()));
        jdbc.sql("""
                INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, learner_unit_id, reason, score_given,
                    score_maximum, comment, activity_progress, grading_progress, score_timestamp, state, attempts,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                .params(UUID.randomUUID(), platformId, resourceLinkId, score.userId(), learnerUnitId, reason.name(),
                        score.scoreGiven(), score.scoreMaximum(), score.comment(), score.activityProgress().name(),
                        score.gradingProgress().name(), Timestamp.from(stamp), now, now)
                .update();
        events.publishEvent(new ScoreQueued(platformId));
        return true;
    }

    /**
     * Claims up to {@code limit} due scores for this replica until {@code until}. Rows another
     * replica holds are skipped, as are rows whose learner and column have an older score in flight.
     */
    @Transactional
    List<QueuedScore> claim(String claimer, int limit, Instant until) {
        Timestamp now = Timestamp.from(clock.instant());
        List<UUID> ids = jdbc.sql("""
                SELECT o.id FROM score_outbox o
                WHERE o.state = 'PENDING' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?)
                  AND NOT EXISTS (SELECT 1 FROM score_outbox f WHERE f.platform_id = o.platform_id
                      AND f.resource_link_id = o.resource_link_id AND f.user_id = o.user_id AND f.state = 'PENDING'
                      AND f.claimed_until >= ? AND f.id <> o.id)
                ORDER BY o.next_attempt_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED""")
                .params(now, now, now, limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<QueuedScore> claimed = new ArrayList<>(ids.size());
        Timestamp claimedUntil = Timestamp.from(until);
        for (List<UUID> chunk : chunks(ids, 500)) {
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(claimer);
            params.add(claimedUntil);
            params.addAll(chunk);
            jdbc.sql("UPDATE score_outbox SET claimed_by = ?, claimed_until = ? WHERE id IN (" + in + ")").params(params).update();
            claimed.addAll(jdbc.sql("SELECT * FROM score_outbox WHERE id IN (" + in + ")").params(new ArrayList<>(chunk))
                    .query((rs, n) -> row(rs)).list());
        }
        claimed.sort(java.util.Comparator.comparing(QueuedScore::nextAttemptAt));
        return claimed;
    }

    /** The platform took these scores. */
    void delivered(List<UUID> ids, String claimer, int status) {
        Timestamp now = Timestamp.from(clock.instant());
        for (List<UUID> chunk : chunks(ids, 500)) {
            List<Object> params = new ArrayList<>();
            params.add(status);
            params.add(now);
            params.add(claimer);
            params.addAll(chunk);
            jdbc.sql("UPDATE score_outbox SET state = 'DELIVERED', attempts = attempts + 1, last_status = ?, last_error = NULL, "
                    + "finished_at = ?, claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND id IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(params).update();
        }
    }

    /** A try that may work later; superseded instead when a newer score for the learner and column waits. */
    void retryLater(QueuedScore row, String claimer, Instant at, int status, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE score_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(Timestamp.from(at), status, truncate(error), row.id(), claimer)
                .update();
        supersededByNewer(row, now);
    }

    /** A claimed score this replica will not send now (it is stopping, or the platform asked everyone to wait). */
    void release(QueuedScore row, String claimer, Instant at) {
        jdbc.sql("UPDATE score_outbox SET next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")
                .params(Timestamp.from(at), row.id(), claimer)
                .update();
    }

    /** Retrying will not help: a person must look (the admin page shows the row and can send it again). */
    void failed(QueuedScore row, String claimer, int status, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE score_outbox SET state = 'FAILED', attempts = attempts + 1, last_status = ?, last_error = ?,
                    finished_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(status, truncate(error), now, row.id(), claimer)
                .update();
        supersededByNewer(row, now);
    }

    /**
     * The LMS refused this score as not newer than the grade it holds (HTTP 409): it is given {@code stamp}
     * and sent again once that time has come, unless a newer score for the learner and column replaced it, when it is
     * superseded. Returns whether it will be sent again.
     */
    boolean restamp(QueuedScore row, String claimer, Instant stamp, int status, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        int changed = jdbc.sql("""
                UPDATE score_outbox SET score_timestamp = ?, restamps = restamps + 1, attempts = attempts + 1,
                    next_attempt_at = ?, last_status = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ? AND NOT EXISTS (SELECT 1 FROM score_outbox n
                    WHERE n.platform_id = ? AND n.resource_link_id = ? AND n.user_id = ? AND n.id <> ?
                      AND (n.state = 'PENDING' OR (n.state = 'DELIVERED' AND n.score_timestamp > ?)))""")
                .params(Timestamp.from(stamp), Timestamp.from(later(stamp, now.toInstant())), status, truncate(error), row.id(), claimer, row.platformId(),
                        row.resourceLinkId(), row.score().userId(), row.id(), Timestamp.from(row.score().timestamp()))
                .update();
        if (changed == 1) {
            // a newer score queued while this one was re-stamped (its stamp counted on the old one): it alone goes
            int replaced = jdbc.sql("""
                    UPDATE score_outbox SET state = 'SUPERSEDED', finished_at = ?
                    WHERE id = ? AND state = 'PENDING' AND claimed_by IS NULL AND EXISTS (SELECT 1 FROM score_outbox n
                        WHERE n.platform_id = ? AND n.resource_link_id = ? AND n.user_id = ? AND n.id <> ? AND n.state = 'PENDING')""")
                    .params(now, row.id(), row.platformId(), row.resourceLinkId(), row.score().userId(), row.id())
                    .update();
            return replaced == 0;
        }
        jdbc.sql("""
                UPDATE score_outbox SET state = 'SUPERSEDED', attempts = attempts + 1, last_status = ?, last_error = ?,
                    finished_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(status, truncate(error), now, row.id(), claimer)
                .update();
        return false;
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

    /** A fresh timestamp for sending a score again: now or later in whole seconds, and after its old one. */
    private Instant freshStamp(Instant old) {
        return later(wholeSecondFrom(clock.instant()), wholeSecondAfter(old));
    }

    /** Where the queue stands across every platform, or one platform's part of it. */
    public Status status(UUID platformId) {
        Instant now = clock.instant();
        Timestamp dayAgo = Timestamp.from(now.minus(Duration.ofDays(1)));
        return jdbc.sql("""
                SELECT
                  SUM(CASE WHEN state = 'PENDING' THEN 1 ELSE 0 END) AS pending,
                  MIN(CASE WHEN state = 'PENDING' THEN created_at END) AS oldest,
                  SUM(CASE WHEN state = 'FAILED' THEN 1 ELSE 0 END) AS failed,
                  SUM(CASE WHEN state = 'DELIVERED' AND finished_at >= ? THEN 1 ELSE 0 END) AS delivered,
                  MAX(CASE WHEN state = 'DELIVERED' THEN finished_at END) AS last_delivered,
                  SUM(CASE WHEN state <> 'PENDING' AND finished_at >= ? AND (attempts > 1 OR restamps > 0 OR state = 'FAILED')
                      THEN 1 ELSE 0 END) AS needed_more
                FROM score_outbox WHERE (CAST(? AS UUID) IS NULL OR platform_id = ?)""")
                .params(dayAgo, dayAgo, platformId, platformId)
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    Timestamp last = rs.getTimestamp("last_delivered");
                    return new Status(rs.getLong("pending"),
                            oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now),
                            rs.getLong("failed"), rs.getLong("delivered"), last == null ? null : last.toInstant(),
                            rs.getLong("needed_more"));
                })
                .single();
    }

    /** Scores that need a person, then those being retried, newest first; at most {@code limit}. */
    public List<Problem> problems(UUID platformId, int limit) {
        return jdbc.sql("""
                SELECT o.*,
                  COALESCE(lu.learner_name,
                    (SELECT MAX(m.name) FROM course_roster_member m JOIN lti_link_service s ON s.platform_id = m.platform_id
                       AND s.deployment_id = m.deployment_id AND s.context_id = m.context_id
                     WHERE s.platform_id = o.platform_id AND s.resource_link_id = o.resource_link_id AND m.subject = o.user_id),
                    (SELECT MAX(l.learner_name) FROM learner_unit l WHERE l.platform_id = o.platform_id
                       AND l.learner_subject = o.user_id)) AS learner_name_known,
                  COALESCE(b.title, b.unit_code) AS activity_name_known
                FROM score_outbox o
                LEFT JOIN learner_unit lu ON lu.id = o.learner_unit_id
                LEFT JOIN unit_binding b ON b.platform_id = o.platform_id AND b.resource_link_id = o.resource_link_id
                WHERE (o.state = 'FAILED' OR (o.state = 'PENDING' AND o.attempts > 0))
                  AND (CAST(? AS UUID) IS NULL OR o.platform_id = ?)
                ORDER BY CASE WHEN o.state = 'FAILED' THEN 0 ELSE 1 END, o.created_at DESC
                LIMIT ?""")
                .params(platformId, platformId, limit)
                .query((rs, n) -> {
                    QueuedScore row = row(rs);
                    String learner = rs.getString("learner_name_known");
                    String activity = rs.getString("activity_name_known");
                    return new Problem(row, learner == null || learner.isBlank() ? "learner " + row.score().userId() : learner,
                            activity == null || activity.isBlank() ? "activity " + row.resourceLinkId() : activity);
                }).list();
    }

    public Optional<QueuedScore> find(UUID id) {
        return jdbc.sql("SELECT * FROM score_outbox WHERE id = ?").param(id).query((rs, n) -> row(rs)).optional();
    }

    /**
     * Sends a failed score again, or a retrying one now. Returns false when the row is neither, or a
     * newer score for the same learner and column replaced it meanwhile.
     */
    @Transactional
    public boolean retry(UUID id) {
        Optional<QueuedScore> before = find(id);
        if (before.isEmpty()) {
            return false;
        }
        Timestamp now = Timestamp.from(clock.instant());
        // a fresh timestamp: the old one may be older than a grade a teacher has since changed in the LMS
        int changed = jdbc.sql("""
                UPDATE score_outbox SET state = 'PENDING', next_attempt_at = ?, created_at = ?, finished_at = NULL,
                    score_timestamp = ?, restamps = 0
                WHERE id = ? AND (state = 'FAILED' OR (state = 'PENDING' AND claimed_until IS NULL))""")
                .params(now, now, Timestamp.from(freshStamp(before.get().score().timestamp())), id)
                .update();
        if (changed == 1) {
            find(id).ifPresent(row -> events.publishEvent(new ScoreQueued(row.platformId())));
        }
        return changed == 1;
    }

    /** Sends every failed score of a platform (or all platforms) again; returns how many. */
    @Transactional
    public int retryFailed(UUID platformId) {
        Timestamp now = Timestamp.from(clock.instant());
        List<QueuedScore> failed = jdbc.sql("""
                SELECT * FROM score_outbox WHERE state = 'FAILED' AND (CAST(? AS UUID) IS NULL OR platform_id = ?)
                FOR UPDATE""")
                .params(platformId, platformId).query((rs, n) -> row(rs)).list();
        int changed = 0;
        for (QueuedScore row : failed) {
            changed += jdbc.sql("""
                    UPDATE score_outbox SET state = 'PENDING', next_attempt_at = ?, created_at = ?, finished_at = NULL,
                        score_timestamp = ?, restamps = 0
                    WHERE id = ? AND state = 'FAILED'""")
                    .params(now, now, Timestamp.from(freshStamp(row.score().timestamp())), row.id())
                    .update();
        }
        if (changed > 0) {
            events.publishEvent(new ScoreQueued(platformId));
        }
        return changed;
    }

    /** Forgets delivered and superseded scores finished before the cut-off; failed ones stay until handled. */
    int removeFinishedBefore(Instant cutOff) {
        return jdbc.sql("DELETE FROM score_outbox WHERE state IN ('DELIVERED', 'SUPERSEDED') AND finished_at < ?")
                .param(Timestamp.from(cutOff)).update();
    }

    private void supersededByNewer(QueuedScore row, Timestamp now) {
        jdbc.sql("""
                UPDATE score_outbox SET state = 'SUPERSEDED', finished_at = ?
                WHERE id = ? AND state IN ('PENDING', 'FAILED') AND EXISTS (SELECT 1 FROM score_outbox n
                    WHERE n.platform_id = ? AND n.resource_link_id = ? AND n.user_id = ? AND n.id <> ?
                      AND n.state IN ('PENDING', 'DELIVERED') AND n.score_timestamp > ?)""")
                .params(now, row.id(), row.platformId(), row.resourceLinkId(), row.score().userId(), row.id(),
                        Timestamp.from(row.score().timestamp()))
                .update();
    }

    private static boolean sameContent(Score a, Score b) {
        return Objects.equals(a.scoreGiven(), b.scoreGiven()) && Objects.equals(a.scoreMaximum(), b.scoreMaximum())
                && Objects.equals(a.comment(), b.comment()) && a.activityProgress() == b.activityProgress()
                && a.gradingProgress() == b.gradingProgress();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }

    private static QueuedScore row(ResultSet rs) throws SQLException {
        int lastStatus = rs.getInt("last_status");
        Integer status = rs.wasNull() ? null : lastStatus;
        return new QueuedScore(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getString("resource_link_id"), rs.getObject("learner_unit_id", UUID.class),
                QueuedScore.Reason.valueOf(rs.getString("reason")), score(rs), QueuedScore.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), status, rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "finished_at"), rs.getInt("restamps"));
    }

    private static Score score(ResultSet rs) throws SQLException {
        double given = rs.getDouble("score_given");
        Double scoreGiven = rs.wasNull() ? null : given;
        double maximum = rs.getDouble("score_maximum");
        Double scoreMaximum = rs.wasNull() ? null : maximum;
        return new Score(rs.getString("user_id"), scoreGiven, scoreMaximum, rs.getString("comment"),
                Score.ActivityProgress.valueOf(rs.getString("activity_progress")),
                Score.GradingProgress.valueOf(rs.getString("grading_progress")), instant(rs, "score_timestamp"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
