package org.attest.bench.scores;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The tool's score outbox as the score benchmarks and the scale-out test fill it: behind the tool's back, straight into
 * its database. A played platform and one activity with a grade service are registered first; scores are then queued
 * as the tool queues them (PENDING, due at a given moment), and read back by state.
 */
public final class Outbox {

    public static final String ACTIVITY = "bench-activity";

    private final Connection db;
    private final UUID platform = UUID.randomUUID();

    /** Registers a Moodle-shaped platform at {@code lms} (a {@link PlayedGradebook}'s base) and its activity. */
    public Outbox(Connection db, String lms, String name) throws SQLException {
        this.db = db;
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO platform (id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri,
                    product_family, registered_by, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'moodle', 'MANUAL', TRUE, ?)""")) {
            p.setObject(1, platform);
            p.setString(2, lms + "/" + platform);
            p.setString(3, "bench-client");
            p.setString(4, name);
            p.setString(5, lms + "/auth");
            p.setString(6, lms + "/token");
            p.setString(7, lms + "/certs");
            p.setTimestamp(8, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                    line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, '1', 'bench-course', ?, ?, ?, NULL, ?)""")) {
            p.setObject(1, platform);
            p.setString(2, ACTIVITY);
            p.setString(3, lms + "/lineitems?type_id=1");
            p.setString(4, lms + "/lineitems/1/lineitem?type_id=1");
            p.setString(5, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/score");
            p.setTimestamp(6, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
    }

    public UUID platform() {
        return platform;
    }

    /** Queues one score for each of {@code scores} learners named {@code userPrefix}0, 1, ..., all due at {@code due}. */
    public void queue(String userPrefix, int scores, Instant due) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, reason, score_given, score_maximum,
                    comment, activity_progress, grading_progress, score_timestamp, state, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PROGRESS', ?, 100, ?, 'InProgress', 'Pending', ?, 'PENDING', 0, ?, ?)""")) {
            for (int i = 0; i < scores; i++) {
                p.setObject(1, UUID.randomUUID());
                p.setObject(2, platform);
                p.setString(3, ACTIVITY);
                p.setString(4, userPrefix + i);
                p.setDouble(5, i % 101);
                p.setString(6, (i % 18) + " of 18 criteria met.");
                p.setTimestamp(7, Timestamp.from(Instant.now()));
                p.setTimestamp(8, Timestamp.from(due));
                p.setTimestamp(9, Timestamp.from(Instant.now()));
                p.addBatch();
                if (i % 1000 == 999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** This platform's scores in {@code state} (PENDING, DELIVERED, FAILED, SUPERSEDED). */
    public long count(String state) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM score_outbox WHERE platform_id = ? AND state = ?")) {
            p.setObject(1, platform);
            p.setString(2, state);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Polls every 50 ms until {@code expected} scores are delivered or failed, or {@code seconds} pass; returns those
     * delivered.
     */
    public long awaitDelivered(int expected, int seconds) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long delivered = 0;
        while (System.nanoTime() < deadline) {
            delivered = count("DELIVERED");
            if (delivered + count("FAILED") >= expected) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return delivered;
    }

    /** When the last of this platform's scores was finished (delivered or failed). */
    public Instant lastFinished() throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT MAX(finished_at) FROM score_outbox WHERE platform_id = ?")) {
            p.setObject(1, platform);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }
}
