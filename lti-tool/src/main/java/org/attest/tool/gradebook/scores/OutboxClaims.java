package org.attest.tool.gradebook.scores;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.attest.tool.gradebook.lms.LastError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The senders' side of the {@link ScoreOutbox}: claiming due scores for one replica, and recording
 * what became of each (delivered, to be tried again, re-stamped, failed). Replicas claim with
 * {@code FOR UPDATE SKIP LOCKED}, and every update names the claimer, so a row whose claim expired
 * and was taken by another replica is not touched.
 */
@Component
class OutboxClaims {

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxClaims(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due scores for this replica until {@code until}. Rows another
     * replica holds are skipped, as are rows whose learner and column have an older score in flight.
     * A due row that a later-queued score for its learner and column replaced (queued while the row
     * was being sent, in a transaction the sender could not see yet) is superseded instead of claimed.
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
            String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(now);
            params.addAll(chunk);
            jdbc.sql("UPDATE score_outbox o SET state = 'SUPERSEDED', finished_at = ? WHERE o.id IN (" + in + ") AND EXISTS ("
                    + OutboxRows.LATER_QUEUED + ")").params(params).update();
            params.set(0, claimer);
            params.add(1, claimedUntil);
            jdbc.sql("UPDATE score_outbox SET claimed_by = ?, claimed_until = ? WHERE state = 'PENDING' AND id IN (" + in + ")")
                    .params(params).update();
            claimed.addAll(jdbc.sql("SELECT * FROM score_outbox WHERE state = 'PENDING' AND id IN (" + in + ")")
                    .params(new ArrayList<>(chunk)).query((rs, n) -> OutboxRows.row(rs)).list());
        }
        claimed.sort(Comparator.comparing(QueuedScore::nextAttemptAt));
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
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(params).update();
        }
    }

    /** A try that may work later; superseded instead when a score queued after it for the learner and column waits or was sent. */
    void retryLater(QueuedScore row, String claimer, Instant at, int status, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE score_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?,
                    claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(Timestamp.from(at), status, LastError.fitted(error), row.id(), claimer)
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
                .params(status, LastError.fitted(error), now, row.id(), claimer)
                .update();
        supersededByNewer(row, now);
    }

    /**
     * The LMS refused this score as not newer than the grade it holds (HTTP 409): it is given {@code stamp}
     * and sent again once that time has come, unless a score queued after it for the learner and column
     * replaced it, when it is superseded. Returns whether it will be sent again.
     */
    boolean restamp(QueuedScore row, String claimer, Instant stamp, int status, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        int changed = jdbc.sql("""
                UPDATE score_outbox o SET score_timestamp = ?, restamps = restamps + 1, attempts = attempts + 1,
                    next_attempt_at = ?, last_status = ?, last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE o.id = ? AND o.claimed_by = ? AND NOT EXISTS (""" + OutboxRows.LATER_QUEUED + ")")
                .params(Timestamp.from(stamp), Timestamp.from(OutboxRows.later(stamp, now.toInstant())), status, LastError.fitted(error),
                        row.id(), claimer)
                .update();
        if (changed == 1) {
            return true;
        }
        jdbc.sql("""
                UPDATE score_outbox SET state = 'SUPERSEDED', attempts = attempts + 1, last_status = ?, last_error = ?,
                    finished_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(status, LastError.fitted(error), now, row.id(), claimer)
                .update();
        return false;
    }

    /** Forgets delivered and superseded scores finished before the cut-off; failed ones stay until handled. */
    int removeFinishedBefore(Instant cutOff) {
        return jdbc.sql("DELETE FROM score_outbox WHERE state IN ('DELIVERED', 'SUPERSEDED') AND finished_at < ?")
                .param(Timestamp.from(cutOff)).update();
    }

    private void supersededByNewer(QueuedScore row, Timestamp now) {
        jdbc.sql("UPDATE score_outbox o SET state = 'SUPERSEDED', finished_at = ? WHERE o.id = ? AND o.state IN ('PENDING', 'FAILED') "
                + "AND EXISTS (" + OutboxRows.LATER_QUEUED + ")")
                .params(now, row.id())
                .update();
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}
