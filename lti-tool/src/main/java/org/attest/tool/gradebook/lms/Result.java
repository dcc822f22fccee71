package org.attest.tool.gradebook.lms;

import java.time.Instant;

/**
 * A learner's grade in one LMS gradebook column (an AGS result), whoever entered it.
 *
 * @param resultScore null when the column has no grade for the learner
 * @param resultMaximum 1 when the platform leaves it out, as AGS says
 * @param scoreOf the line item's URL
 * @param timestamp null when absent or unreadable
 */
public record Result(String id, String userId, Double resultScore, double resultMaximum, String comment, String scoreOf,
        Instant timestamp) {
}
