package org.attest.tool.gradebook.tasks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.portfolio.Course;

/**
 * An activity a tutor placed by Deep Linking for some criteria of a unit and marks in the LMS
 * gradebook: a grade at or above the pass mark meets those criteria in Attest.
 *
 * @param criteria codes of criteria of the unit, in the unit's order
 * @param passMark out of {@code scoreMaximum}
 * @param createdBy the tutor's LMS user id: decisions from the task's grades are theirs
 * @param resourceLinkId the activity, null until its first launch
 * @param lastPullAt when grades were last read, null before the first time
 * @param lastError why the last read failed, null when it succeeded
 */
public record AssessmentTask(UUID id, Course course, String title, UUID frameworkId, String unitCode, List<String> criteria,
        double scoreMaximum, double passMark, String createdBy, String createdByName, Instant createdAt,
        String resourceLinkId, Instant lastPullAt, String lastError, Instant lastErrorAt) {

    /** The {@code tag} of a task's grade column. */
    public static final String TAG = "attest-task";

    public AssessmentTask {
        criteria = List.copyOf(criteria);
    }

    /** The {@code resourceId} of the task's grade column: {@code <unit code>/task/<task id>}. */
    public String resourceId() {
        return unitCode + "/task/" + id;
    }

    /**
     * Whether a grade out of {@code maximum} (the LMS may scale the column) is at or above the pass
     * mark. Compared as fractions, with a margin for the platform's rounding.
     */
    public boolean passes(double score, double maximum) {
        return maximum > 0 && score / maximum >= passMark / scoreMaximum - 1e-9;
    }

    /** The pass mark as people read it: {@code "50/100"}. */
    public String passMarkText() {
        return fraction(passMark, scoreMaximum);
    }

    /** A score out of a maximum as people read it: {@code "78/100"}, {@code "2.5/5"}. */
    public static String fraction(double score, double maximum) {
        return number(score) + "/" + number(maximum);
    }

    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
