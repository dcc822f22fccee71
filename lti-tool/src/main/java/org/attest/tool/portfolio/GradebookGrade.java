package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A learner's grade in the LMS gradebook on an assessment task that covers some criteria of a unit,
 * as the gradebook module read it, for {@link Assessment#recordFromGradebook}.
 *
 * @param learnerSubject the learner's LMS user id (the {@code userId} of the AGS result)
 * @param learnerName the learner's name when the gradebook module knows it, else null
 * @param taskId the assessment task; Attest keeps one piece of evidence per task and learner
 * @param criterionCodes the criteria of the unit a pass on the task meets
 * @param passed the grade is at or above the task's pass mark
 * @param grade the grade as people read it ({@code "78/100"}), null when the LMS no longer holds one
 * @param passMark the pass mark as people read it ({@code "50/100"})
 * @param gradedAt when the LMS says the grade was given, or null
 * @param assessorSubject the tutor who set the task: decisions from its grades are theirs
 */
public record GradebookGrade(Course course, String learnerSubject, String learnerName, UUID frameworkId, String unitCode,
        UUID taskId, String taskTitle, List<String> criterionCodes, boolean passed, String grade, String passMark,
        Instant gradedAt, String assessorSubject, String assessorName) {

    public GradebookGrade {
        criterionCodes = List.copyOf(criterionCodes);
    }

    /** What a grade did to the learner's portfolio. */
    public enum Effect {
        /** a pass: MET decisions recorded on at least one criterion */
        MET,
        /** a pass already recorded: nothing changed */
        ALREADY_MET,
        /** a pass lowered below the pass mark or removed: this task's MET decisions withdrawn */
        WITHDRAWN,
        /** no pass of this task was ever recorded for the learner: nothing to withdraw */
        NOTHING_TO_WITHDRAW,
        /** the unit is signed off and locked: nothing changed */
        UNIT_SIGNED_OFF
    }

    /**
     * What {@link Assessment#recordFromGradebook} did.
     *
     * @param learnerUnitId the learner's unit, null when they have none and the grade was no pass
     * @param met criteria decided MET now
     * @param keptAssessorDecisions criteria the task covers whose current decision an assessor made, left alone
     * @param withdrawn criteria whose MET from this task was withdrawn
     * @param notInUnit codes of the task the learner's version of the unit does not have
     */
    public record Applied(UUID learnerUnitId, Effect effect, List<String> met, List<String> keptAssessorDecisions,
            List<String> withdrawn, List<String> notInUnit) {

        public Applied {
            met = List.copyOf(met);
            keptAssessorDecisions = List.copyOf(keptAssessorDecisions);
            withdrawn = List.copyOf(withdrawn);
            notInUnit = List.copyOf(notInUnit);
        }

        /** A sentence for the tutor's task page. */
        public String summary() {
            String said = switch (effect) {
                case MET -> "met " + String.join(", ", met);
                case ALREADY_MET -> "pass already recorded";
                case WITHDRAWN -> withdrawn.isEmpty() ? "pass withdrawn" : "withdrew MET on " + String.join(", ", withdrawn);
                case NOTHING_TO_WITHDRAW -> "no pass recorded";
                case UNIT_SIGNED_OFF -> "unit signed off; not changed";
            };
            if (!keptAssessorDecisions.isEmpty()) {
                said += "; kept the assessor's decision on " + String.join(", ", keptAssessorDecisions);
            }
            if (!notInUnit.isEmpty()) {
                said += "; " + String.join(", ", notInUnit) + " not in the learner's version of the unit";
            }
            return said;
        }
    }
}
