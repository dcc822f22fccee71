package org.attest.tool.gradebook.tasks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.OutsideOutcome;

/**
 * What a learner's grade on an assessment task in the LMS gradebook means for their portfolio: at or
 * above the pass mark it meets the task's criteria, in the name of the tutor who set the task; lowered
 * below it or removed, it no longer does. Also the words the portfolio keeps about it, and the note
 * the tutor's task page shows of what became of it.
 */
final class TaskGradeMeaning {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private TaskGradeMeaning() {
    }

    /**
     * The outcome of a learner's grade as read now.
     *
     * @param learnerName their name when the roster knows it, else null
     * @param score the grade, null when the LMS no longer holds one
     * @param maximum the column's maximum when there is a grade
     * @param gradedAt when the LMS says the grade was given, or null
     * @param readAt when Attest read it
     */
    public static OutsideOutcome outcome(AssessmentTask task, String userId, String learnerName, Double score, Double maximum,
            Instant gradedAt, Instant readAt) {
        boolean passed = passes(task, score, maximum);
        String grade = score == null ? null : AssessmentTask.fraction(score, maximum);
        Map<String, String> audited = new LinkedHashMap<>();
        audited.put("task", task.id().toString());
        audited.put("grade", grade == null ? "removed" : grade);
        OutsideOutcome.Source source = new OutsideOutcome.Source(AssessmentDecision.Source.GRADEBOOK, task.id(),
                task.createdBy(), task.createdByName(), audited);
        OutsideOutcome.Account account = passed ? passAccount(task, grade, gradedAt, readAt)
                : withdrawalAccount(task, grade, gradedAt, readAt);
        return new OutsideOutcome(source, task.course(), userId, learnerName, task.frameworkId(), task.unitCode(),
                task.criteria(), passed, account);
    }

    /** At or above the pass mark. */
    public static boolean passes(AssessmentTask task, Double score, Double maximum) {
        return score != null && maximum != null && task.passes(score, maximum);
    }

    private static OutsideOutcome.Account passAccount(AssessmentTask task, String grade, Instant gradedAt, Instant readAt) {
        String text = task.createdByName() + " set the assessment task \"" + task.title() + "\" for "
                + String.join(", ", task.criteria()) + ", pass mark " + task.passMarkText() + ". The LMS gradebook shows "
                + grade + " for this learner" + (gradedAt == null ? "" : ", graded on " + DAY.format(gradedAt.atZone(ZoneOffset.UTC)))
                + ". Attest read the grade on " + MINUTE.format(readAt) + ".";
        return new OutsideOutcome.Account("Passed in the LMS gradebook: " + task.title() + " (" + grade + ")", text, gradedAt,
                "Passed the assessment task \"" + task.title() + "\" in the LMS gradebook: " + grade + " (pass mark "
                        + task.passMarkText() + ").", null);
    }

    private static OutsideOutcome.Account withdrawalAccount(AssessmentTask task, String grade, Instant gradedAt, Instant readAt) {
        String title = grade == null ? "Grade removed in the LMS gradebook: " + task.title()
                : "Below the pass mark in the LMS gradebook: " + task.title() + " (" + grade + ")";
        String text = (grade == null ? "The LMS gradebook no longer holds a grade for this learner on \"" + task.title() + "\""
                : "The LMS gradebook now shows " + grade + " for this learner on \"" + task.title() + "\", below the pass mark "
                        + task.passMarkText())
                + ". The pass recorded earlier no longer counts for " + String.join(", ", task.criteria())
                + ". Attest read the gradebook on " + MINUTE.format(readAt) + ".";
        String why = grade == null ? "the grade for \"" + task.title() + "\" was removed from the LMS gradebook"
                : "the LMS gradebook now shows " + grade + " for \"" + task.title() + "\", below the pass mark "
                        + task.passMarkText();
        return new OutsideOutcome.Account(title, text, gradedAt, "No longer met: " + why + ".",
                "Met by another assessment task passed in the LMS gradebook; " + why + ".");
    }

    /** A sentence for the tutor's task page: what the grade did to the learner's portfolio. */
    public static String note(OutsideOutcome.Recorded recorded) {
        String said = switch (recorded.effect()) {
            case MET -> "met " + String.join(", ", recorded.met());
            case ALREADY_MET -> "pass already recorded";
            case WITHDRAWN -> recorded.withdrawn().isEmpty() ? "pass withdrawn"
                    : "withdrew MET on " + String.join(", ", recorded.withdrawn());
            case NOTHING_TO_WITHDRAW -> "no pass recorded";
            case UNIT_SIGNED_OFF -> "unit signed off; not changed";
        };
        if (!recorded.keptAssessorDecisions().isEmpty()) {
            said += "; kept the assessor's decision on " + String.join(", ", recorded.keptAssessorDecisions());
        }
        if (!recorded.notInUnit().isEmpty()) {
            said += "; " + String.join(", ", recorded.notInUnit()) + " not in the learner's version of the unit";
        }
        return said;
    }

    /** The note for a grade that changed nothing in the portfolio: no grade, or below the pass mark with no pass before. */
    public static String noteUnrecorded(AssessmentTask task, Double score) {
        return score == null ? "no grade" : "below the pass mark " + task.passMarkText();
    }
}
