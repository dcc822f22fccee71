package org.attest.tool.gradebook.lms;

import java.time.Instant;
import java.util.Objects;

/**
 * A learner's score for one line item, as AGS publishes it. The enum constants are the AGS values
 * as sent. Canvas shows a score as "needs grading" unless {@code gradingProgress} is FullyGraded.
 *
 * @param scoreGiven null to report progress without a score; then scoreMaximum may be null too
 * @param timestamp when the score changed in Attest; platforms ignore a score older than the last they took
 */
public record Score(String userId, Double scoreGiven, Double scoreMaximum, String comment, ActivityProgress activityProgress,
        GradingProgress gradingProgress, Instant timestamp) {

    public enum ActivityProgress { Initialized, Started, InProgress, Submitted, Completed }

    public enum GradingProgress { FullyGraded, Pending, PendingManual, Failed, NotReady }

    public Score {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("a score needs the learner's LTI user id");
        }
        Objects.requireNonNull(activityProgress, "activityProgress");
        Objects.requireNonNull(gradingProgress, "gradingProgress");
        Objects.requireNonNull(timestamp, "timestamp");
        if (scoreGiven != null && (scoreMaximum == null || !(scoreMaximum > 0))) {
            throw new IllegalArgumentException("a score with scoreGiven needs a scoreMaximum above 0, was " + scoreMaximum);
        }
        if (scoreGiven != null && (scoreGiven.isNaN() || scoreGiven < 0)) {
            throw new IllegalArgumentException("scoreGiven may not be negative, was " + scoreGiven);
        }
    }
}
