package org.attest.tool.gradebook.scores;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.gradebook.lms.Score;
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
 * This class queues scores and serves the admin page; {@link OutboxClaims} is the senders' side.
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
    public record ScoreQueued(UUID platformId) {
    }

    /** The last score queued for a learner and column, and the latest timestamp of those sent or being sent. */
    private record Last(QueuedScore row, Instant kept) {
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
        Timestamp now = Timestamp.from(clock.instant());
        // the last score queued, and the latest timestamp of those the supersede below leaves (sent, or being sent)
        Optional<Last> last = jdbc.sql("""
                SELECT o.*, (SELECT MAX(k.score_timestamp) FROM score_outbox k WHERE k.platform_id = o.platform_id
                    AND k.resource_link_id = o.resource_link_id AND k.user_id = o.user_id
                    AND (k.state = 'DELIVERED' OR (k.state = 'PENDING' AND k.claimed_until >= ?))) AS kept
                FROM score_outbox o WHERE\s""" + KEY + " AND state IN ('PENDING', 'DELIVERED') ORDER BY created_at DESC, id DESC LIMIT 1")
                .params(now, platformId, resourceLinkId, score.userId())
                .query((rs, n) -> new Last(OutboxRows.row(rs), OutboxRows.instant(rs, "kept"))).optional();
        if (last.isPresent() && sameContent(last.get().row().score(), score)) {
            return false;
        }
        jdbc.sql("UPDATE score_outbox SET state = 'SUPERSEDED', finished_at = ?, claimed_by = NULL WHERE " + KEY
                        + " AND (state = 'FAILED' OR (state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)))")
                .params(now, platformId, resourceLinkId, score.userId(), now)
                .update();
        // what is left for the pair was sent, or is being sent: the new score must come after it in whole seconds
        Instant kept = last.map(Last::kept).orElse(null);
        Instant stamp = OutboxRows.stampAfter(score.timestamp(), kept);
        // queue order tells which score is newer (OutboxRows.LATER_QUEUED): after the last one even when the clock has not moved
        Instant queued = now.toInstant().truncatedTo(ChronoUnit.MICROS);
        Instant afterLast = last.map(l -> l.row().createdAt().plus(1, ChronoUnit.MICROS)).orElse(queued);
        Timestamp createdAt = Timestamp.from(queued.isAfter(afterLast) ? queued : afterLast);
        jdbc.sql("""
                INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, learner_unit_id, reason, score_given,
                    score_maximum, comment, activity_progress, grading_progress, score_timestamp, state, attempts,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                .params(UUID.randomUUID(), platformId, resourceLinkId, score.userId(), learnerUnitId, reason.name(),
                        score.scoreGiven(), score.scoreMaximum(), score.comment(), score.activityProgress().name(),
                        score.gradingProgress().name(), Timestamp.from(stamp), now, createdAt)
                .update();
        events.publishEvent(new ScoreQueued(platformId));
        return true;
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
                    QueuedScore row = OutboxRows.row(rs);
                    String learner = rs.getString("learner_name_known");
                    String activity = rs.getString("activity_name_known");
                    return new Problem(row, learner == null || learner.isBlank() ? "learner " + row.score().userId() : learner,
                            activity == null || activity.isBlank() ? "activity " + row.resourceLinkId() : activity);
                }).list();
    }

    public Optional<QueuedScore> find(UUID id) {
        return jdbc.sql("SELECT * FROM score_outbox WHERE id = ?").param(id).query((rs, n) -> OutboxRows.row(rs)).optional();
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
        boolean changed = resend(before.get(), Timestamp.from(clock.instant()),
                "(o.state = 'FAILED' OR (o.state = 'PENDING' AND o.claimed_until IS NULL))");
        if (changed) {
            events.publishEvent(new ScoreQueued(before.get().platformId()));
        }
        return changed;
    }

    /** Sends every failed score of a platform (or all platforms) again; returns how many. */
    @Transactional
    public int retryFailed(UUID platformId) {
        Timestamp now = Timestamp.from(clock.instant());
        List<QueuedScore> failed = jdbc.sql("""
                SELECT * FROM score_outbox WHERE state = 'FAILED' AND (CAST(? AS UUID) IS NULL OR platform_id = ?)
                FOR UPDATE""")
                .params(platformId, platformId).query((rs, n) -> OutboxRows.row(rs)).list();
        int changed = 0;
        for (QueuedScore row : failed) {
            changed += resend(row, now, "o.state = 'FAILED'") ? 1 : 0;
        }
        if (changed > 0) {
            events.publishEvent(new ScoreQueued(platformId));
        }
        return changed;
    }

    /**
     * Queues a row again as if new, when it is still in one of {@code states} and no score queued after it replaced it,
     * with a fresh timestamp: the old one may be older than a grade a teacher has since changed in the LMS.
     */
    private boolean resend(QueuedScore row, Timestamp now, String states) {
        return jdbc.sql("""
                UPDATE score_outbox o SET state = 'PENDING', next_attempt_at = ?, created_at = ?, finished_at = NULL,
                    score_timestamp = ?, restamps = 0
                WHERE o.id = ? AND\s""" + states + " AND NOT EXISTS (" + OutboxRows.LATER_QUEUED + ")")
                .params(now, now, Timestamp.from(OutboxRows.restamp(now.toInstant(), 0, row.score().timestamp())), row.id())
                .update() == 1;
    }

    private static boolean sameContent(Score a, Score b) {
        return Objects.equals(a.scoreGiven(), b.scoreGiven()) && Objects.equals(a.scoreMaximum(), b.scoreMaximum())
                && Objects.equals(a.comment(), b.comment()) && a.activityProgress() == b.activityProgress()
                && a.gradingProgress() == b.gradingProgress();
    }
}
