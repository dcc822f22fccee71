package org.attest.sandbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The LMS the sandbox plays ({@code attest.sandbox.lms}): its product family code, and how its gradebook takes a
 * score posted through AGS.
 *
 * <p>Moodle 5.0, as its {@code mod/lti/service/gradebookservices/classes/local/resources/scores.php} does: a
 * {@code scoreGiven} is kept only when {@code gradingProgress} is {@code FullyGraded} (any other progress sets the grade
 * to none and keeps the comment, so a later {@code PendingManual} blanks an earlier number); and a score is refused
 * with HTTP 409 when the grade's last change is in the same whole second as the score's timestamp or later
 * ({@code timemodified >= strtotime(timestamp)}). A number kept dates the grade at the score's timestamp; a score
 * without one, and a tutor's edit in the gradebook, date it at the moment it is made.
 *
 * <p>Canvas, as its Score API documents it (https://developerdocs.instructure.com/services/canvas/file.all_resources/score):
 * "A value of PendingManual will require intervention by a grader. Values of NotReady, Failed, and Pending will cause
 * the scoreGiven to be ignored. FullyGraded values will require no action"; timestamps "Should use subsecond
 * precision", so there is no whole-second refusal (a score older than the one on record is kept and ignored). A 0 that
 * is not {@code FullyGraded} shows as "needs grading", as does {@code PendingManual}.
 */
enum SandboxLms {
    MOODLE, CANVAS;

    /** The {@code product_family_code} of the OpenID configuration and of the launch's {@code tool_platform} claim. */
    String productFamily() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The number the gradebook keeps from a score, or null. */
    Double kept(ScorePost score) {
        String progress = score.gradingProgress();
        boolean keeps = switch (this) {
            case MOODLE -> "FullyGraded".equals(progress);
            case CANVAS -> "FullyGraded".equals(progress) || "PendingManual".equals(progress);
        };
        return keeps ? score.scoreGiven() : null;
    }

    /** Why the score is refused with HTTP 409, given the user's grade on record; empty when it is taken. */
    Optional<String> conflict(LineItems.LineItem item, ScorePost score, Optional<LineItems.Score> grade) {
        if (this != MOODLE || grade.isEmpty()
                || gradeModified(grade.get()).getEpochSecond() < score.timestamp().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of("Refusing score with an earlier timestamp for item " + item.id() + " and user " + score.userId());
    }

    /** What the gradebook shows beside a grade, as the LMS flags it; null for nothing. */
    String flag(LineItems.Score grade) {
        if (this != CANVAS || grade.source() == LineItems.Source.GRADEBOOK) {
            return null;
        }
        boolean zero = grade.scoreGiven() != null && grade.scoreGiven() == 0;
        return "PendingManual".equals(grade.gradingProgress()) || (zero && !"FullyGraded".equals(grade.gradingProgress()))
                ? "needs grading" : null;
    }

    /** Moodle's {@code timemodified} of the grade: the score's timestamp when it kept a number, else when it arrived. */
    private static Instant gradeModified(LineItems.Score grade) {
        return grade.source() == LineItems.Source.TOOL && grade.scoreGiven() == null ? grade.receivedAt() : grade.timestamp();
    }
}
