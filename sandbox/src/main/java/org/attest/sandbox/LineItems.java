package org.attest.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox course's gradebook: its line items (grade columns) and every score received for
 * them, from the tool through AGS or typed by a tutor. A user's result for a line item is their
 * latest score; a score older than that when it arrives is kept but marked stale and ignored.
 */
@Component
@ConditionalOnSandbox
class LineItems {

    /** A grade column. {@code resourceLinkId} names the activity whose own grade it is, or is null. */
    record LineItem(long id, String courseId, String label, double scoreMaximum, String resourceId, String tag,
            String resourceLinkId, Instant createdAt) {
    }

    /** What a line item is made of, as created or updated. */
    record Definition(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {
    }

    /** The filters of the line items container: each null filter matches everything. */
    record Filter(String resourceLinkId, String resourceId, String tag) {
    }

    /** Where a score came from: the tool through AGS, or a tutor typing it in the sandbox gradebook. */
    enum Source { TOOL, GRADEBOOK }

    /**
     * One score as received. {@code scoreGiven} is the number the gradebook kept (null for none); {@code refusal} says
     * why the gradebook refused it (then it is stale too), or is null.
     */
    record Score(long lineItemId, String userId, Double scoreGiven, Double scoreMaximum, String comment, String activityProgress,
            String gradingProgress, Instant timestamp, Source source, boolean stale, Instant receivedAt, String refusal) {
    }

    /** Judges a score against the user's grade on record (their latest score, if any): why it is refused, or empty. */
    interface Judge {
        Optional<String> refusal(Optional<Score> grade);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LineItems(SandboxDatabase database, Clock clock) {
        this.jdbc = database.jdbc();
        this.transactions = database.transactions();
        this.clock = clock;
    }

    LineItem create(String courseId, Definition d) {
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO sandbox_line_item (course_id, label, score_maximum, resource_id, tag, resource_link_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(courseId, d.label(), d.scoreMaximum(), d.resourceId(), d.tag(), d.resourceLinkId(), Timestamp.from(now))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return find(courseId, id).orElseThrow();
    }

    Optional<LineItem> find(String courseId, long id) {
        return jdbc.sql("SELECT * FROM sandbox_line_item WHERE course_id = ? AND id = ?").params(courseId, id)
                .query(LineItems::lineItem).optional();
    }

    /** The activity's own grade column: the first line item made for the resource link. */
    Optional<LineItem> forLink(String courseId, String resourceLinkId) {
        // list(), not stream(): an unclosed JdbcClient stream would keep its pooled connection until garbage collection
        return jdbc.sql("SELECT * FROM sandbox_line_item WHERE course_id = ? AND resource_link_id = ? ORDER BY id LIMIT 1")
                .params(courseId, resourceLinkId).query(LineItems::lineItem).list().stream().findFirst();
    }

    List<LineItem> all(String courseId) {
        return page(courseId, new Filter(null, null, null), 0, Integer.MAX_VALUE);
    }

    List<LineItem> page(String courseId, Filter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>(List.of(courseId));
        String where = where(filter, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT * FROM sandbox_line_item WHERE course_id = ?" + where + " ORDER BY id LIMIT ? OFFSET ?")
                .params(params).query(LineItems::lineItem).list();
    }

    int count(String courseId, Filter filter) {
        List<Object> params = new ArrayList<>(List.of(courseId));
        String where = where(filter, params);
        return jdbc.sql("SELECT COUNT(*) FROM sandbox_line_item WHERE course_id = ?" + where).params(params)
                .query(Integer.class).single();
    }

    Optional<LineItem> update(String courseId, long id, Definition d) {
        int updated = jdbc.sql("""
                UPDATE sandbox_line_item SET label = ?, score_maximum = ?, resource_id = ?, tag = ?, resource_link_id = ?
                WHERE course_id = ? AND id = ?""")
                .params(d.label(), d.scoreMaximum(), d.resourceId(), d.tag(), d.resourceLinkId(), courseId, id).update();
        return updated == 0 ? Optional.empty() : find(courseId, id);
    }

    boolean delete(String courseId, long id) {
        return jdbc.sql("DELETE FROM sandbox_line_item WHERE course_id = ? AND id = ?").params(courseId, id).update() == 1;
    }

    /**
     * Keeps the score and returns it as stored: stale when a score with a later timestamp is on
     * record for the user and line item. The line item row is locked so two scores for it are
     * judged one after the other.
     */
    Score record(LineItem item, String userId, Double scoreGiven, Double scoreMaximum, String comment, String activityProgress,
            String gradingProgress, Instant timestamp, Source source) {
        return record(item, userId, scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress, timestamp, source,
                grade -> Optional.empty());
    }

    /** As above, first asking the judge whether the gradebook refuses the score; a refused score is kept, stale, with the reason. */
    Score record(LineItem item, String userId, Double scoreGiven, Double scoreMaximum, String comment, String activityProgress,
            String gradingProgress, Instant timestamp, Source source, Judge judge) {
        return transactions.execute(tx -> {
            jdbc.sql("SELECT id FROM sandbox_line_item WHERE id = ? FOR UPDATE").param(item.id()).query(Long.class).optional();
            Optional<Score> grade = jdbc.sql(LATEST + " AND s.line_item_id = ? AND s.user_id = ?").params(item.id(), userId)
                    .query(LineItems::score).optional();
            String refusal = judge.refusal(grade).orElse(null);
            boolean stale = refusal != null || grade.filter(g -> g.timestamp().isAfter(timestamp)).isPresent();
            Score score = new Score(item.id(), userId, scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress,
                    timestamp, source, stale, clock.instant(), refusal);
            jdbc.sql("""
                    INSERT INTO sandbox_score (line_item_id, user_id, score_given, score_maximum, comment, activity_progress,
                                               grading_progress, score_timestamp, source, stale, received_at, refusal)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(item.id(), userId, scoreGiven, scoreMaximum, comment, activityProgress, gradingProgress,
                            Timestamp.from(timestamp), source.name(), stale, Timestamp.from(score.receivedAt()), refusal)
                    .update();
            return score;
        });
    }

    /** The course's latest refused scores, newest first. */
    List<Score> refused(String courseId, int limit) {
        return jdbc.sql("""
                SELECT s.* FROM sandbox_score s WHERE s.refusal IS NOT NULL
                AND s.line_item_id IN (SELECT id FROM sandbox_line_item WHERE course_id = ?) ORDER BY s.id DESC LIMIT ?""")
                .params(courseId, limit).query(LineItems::score).list();
    }

    /** Each user's latest score for the line item (the result), by user id. */
    List<Score> results(long lineItemId) {
        return jdbc.sql(LATEST + " AND s.line_item_id = ? ORDER BY s.user_id").param(lineItemId).query(LineItems::score).list();
    }

    /** Each user's latest score for every line item of the course. */
    List<Score> courseResults(String courseId) {
        return jdbc.sql(LATEST + " AND s.line_item_id IN (SELECT id FROM sandbox_line_item WHERE course_id = ?)")
                .param(courseId).query(LineItems::score).list();
    }

    /** Every score received for the line item and user, stale ones included, oldest first. */
    List<Score> history(long lineItemId, String userId) {
        return jdbc.sql("SELECT * FROM sandbox_score s WHERE line_item_id = ? AND user_id = ? ORDER BY received_at, id")
                .params(lineItemId, userId).query(LineItems::score).list();
    }

    private static final String LATEST = """
            SELECT s.* FROM sandbox_score s WHERE s.stale = FALSE AND NOT EXISTS (
                SELECT 1 FROM sandbox_score n WHERE n.line_item_id = s.line_item_id AND n.user_id = s.user_id AND n.stale = FALSE
                AND (n.score_timestamp > s.score_timestamp OR (n.score_timestamp = s.score_timestamp AND n.id > s.id)))""";

    private static String where(Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter.resourceLinkId() != null) {
            where.append(" AND resource_link_id = ?");
            params.add(filter.resourceLinkId());
        }
        if (filter.resourceId() != null) {
            where.append(" AND resource_id = ?");
            params.add(filter.resourceId());
        }
        if (filter.tag() != null) {
            where.append(" AND tag = ?");
            params.add(filter.tag());
        }
        return where.toString();
    }

    private static LineItem lineItem(ResultSet rs, int rowNum) throws SQLException {
        return new LineItem(rs.getLong("id"), rs.getString("course_id"), rs.getString("label"), rs.getDouble("score_maximum"),
                rs.getString("resource_id"), rs.getString("tag"), rs.getString("resource_link_id"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Score score(ResultSet rs, int rowNum) throws SQLException {
        return new Score(rs.getLong("line_item_id"), rs.getString("user_id"), nullableDouble(rs, "score_given"),
                nullableDouble(rs, "score_maximum"), rs.getString("comment"), rs.getString("activity_progress"),
                rs.getString("grading_progress"), rs.getTimestamp("score_timestamp").toInstant(), Source.valueOf(rs.getString("source")),
                rs.getBoolean("stale"), rs.getTimestamp("received_at").toInstant(), rs.getString("refusal"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
