package org.attest.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A score as the tool posts it to a line item's scores URL ({@code application/vnd.ims.lis.v1.score+json}),
 * checked field by field as the AGS 2.0 specification defines them.
 */
record ScorePost(String userId, Double scoreGiven, Double scoreMaximum, String comment, String activityProgress,
        String gradingProgress, Instant timestamp) {

    static final Set<String> ACTIVITY_PROGRESS = Set.of("Initialized", "Started", "InProgress", "Submitted", "Completed");
    static final Set<String> GRADING_PROGRESS = Set.of("FullyGraded", "Pending", "PendingManual", "Failed", "NotReady");
    static final int MAX_COMMENT_CHARS = 4000;

    static ScorePost parse(JsonNode score, SandboxCourse course) throws ServiceRefusal {
        if (score == null || !score.isObject()) {
            throw ServiceRefusal.badRequest("the score must be a JSON object");
        }
        String userId = text(score, "userId");
        if (course.member(userId).isEmpty()) {
            throw ServiceRefusal.badRequest("userId '" + userId + "' is not a member of " + course.title()
                    + "; send the LTI user id (the launch's sub)");
        }
        String activity = oneOf(score, "activityProgress", ACTIVITY_PROGRESS);
        String grading = oneOf(score, "gradingProgress", GRADING_PROGRESS);
        Instant timestamp;
        try {
            timestamp = OffsetDateTime.parse(text(score, "timestamp")).toInstant();
        } catch (DateTimeParseException e) {
            throw ServiceRefusal.badRequest("timestamp '" + score.path("timestamp").asString() + "' is not an ISO 8601 date-time "
                    + "with an offset, such as 2026-11-24T10:15:30.123Z");
        }
        Double given = number(score, "scoreGiven");
        Double maximum = number(score, "scoreMaximum");
        if (given != null && given < 0) {
            throw ServiceRefusal.badRequest("scoreGiven must be 0 or more, was " + given);
        }
        if (maximum != null && maximum <= 0) {
            throw ServiceRefusal.badRequest("scoreMaximum must be more than 0, was " + maximum);
        }
        if (given != null && maximum == null) {
            throw ServiceRefusal.badRequest("a score with scoreGiven needs scoreMaximum too");
        }
        JsonNode comment = score.path("comment");
        if (!comment.isMissingNode() && !comment.isNull() && !comment.isString()) {
            throw ServiceRefusal.badRequest("comment must be a string");
        }
        String text = comment.isString() ? comment.asString() : null;
        if (text != null && text.length() > MAX_COMMENT_CHARS) {
            throw ServiceRefusal.badRequest("comment is " + text.length() + " characters; the sandbox keeps at most " + MAX_COMMENT_CHARS);
        }
        return new ScorePost(userId, given, maximum, text, activity, grading, timestamp);
    }

    private static String text(JsonNode node, String field) throws ServiceRefusal {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw ServiceRefusal.badRequest("the score has no " + field + " (a string is required)");
        }
        return value.asString();
    }

    private static String oneOf(JsonNode node, String field, Set<String> allowed) throws ServiceRefusal {
        String value = text(node, field);
        if (!allowed.contains(value)) {
            throw ServiceRefusal.badRequest(field + " '" + value + "' is not one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    private static Double number(JsonNode node, String field) throws ServiceRefusal {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ServiceRefusal.badRequest(field + " must be a number, was " + value);
        }
        return value.asDouble();
    }
}
