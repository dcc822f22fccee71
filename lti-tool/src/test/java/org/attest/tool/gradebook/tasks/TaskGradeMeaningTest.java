package org.attest.tool.gradebook.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.OutsideOutcome;
import org.junit.jupiter.api.Test;

/** What a task's grade means for the portfolio, and the words it is recorded with: plain rules, no Spring. */
class TaskGradeMeaningTest {

    private static final Instant GRADED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant READ = Instant.parse("2026-03-02T10:15:30Z");

    private final AssessmentTask task = new AssessmentTask(UUID.randomUUID(), new Course(UUID.randomUUID(), "1", "course-7"),
            "Assignment 1: online services", UUID.randomUUID(), "224", List.of("1.1", "1.2"), 100, 50, "tutor-3", "Tina Teacher",
            GRADED, "task-link", null, null, null);

    @Test
    void aGradeAtThePassMarkMeetsTheTasksCriteriaInTheTutorsName() {
        OutsideOutcome outcome = TaskGradeMeaning.outcome(task, "5", "Sara Scholar", 50.0, 100.0, GRADED, READ);

        assertThat(outcome.met()).isTrue();
        assertThat(outcome.criterionCodes()).containsExactly("1.1", "1.2");
        assertThat(outcome.source().kind()).isEqualTo(AssessmentDecision.Source.GRADEBOOK);
        assertThat(outcome.source().id()).isEqualTo(task.id());
        assertThat(outcome.source().deciderSubject()).isEqualTo("tutor-3");
        assertThat(outcome.source().auditDetail()).containsEntry("task", task.id().toString()).containsEntry("grade", "50/100");
        assertThat(outcome.account().title()).isEqualTo("Passed in the LMS gradebook: Assignment 1: online services (50/100)");
        assertThat(outcome.account().text()).isEqualTo("Tina Teacher set the assessment task \"Assignment 1: online services\" "
                + "for 1.1, 1.2, pass mark 50/100. The LMS gradebook shows 50/100 for this learner, graded on 1 Mar 2026. "
                + "Attest read the grade on 2 Mar 2026 10:15 UTC.");
        assertThat(outcome.account().feedback()).isEqualTo(
                "Passed the assessment task \"Assignment 1: online services\" in the LMS gradebook: 50/100 (pass mark 50/100).");
    }

    @Test
    void aGradeOnAScaledColumnPassesByItsFraction() {
        assertThat(TaskGradeMeaning.outcome(task, "5", null, 5.0, 10.0, GRADED, READ).met()).isTrue();
        assertThat(TaskGradeMeaning.outcome(task, "5", null, 4.9, 10.0, GRADED, READ).met()).isFalse();
    }

    @Test
    void aRemovedGradeNoLongerMeetsAndSaysSo() {
        OutsideOutcome outcome = TaskGradeMeaning.outcome(task, "5", null, null, null, null, READ);

        assertThat(outcome.met()).isFalse();
        assertThat(outcome.source().auditDetail()).containsEntry("grade", "removed");
        assertThat(outcome.account().title()).isEqualTo("Grade removed in the LMS gradebook: Assignment 1: online services");
        assertThat(outcome.account().feedback()).isEqualTo(
                "No longer met: the grade for \"Assignment 1: online services\" was removed from the LMS gradebook.");
        assertThat(outcome.account().feedbackWhenMetElsewhere()).isEqualTo("Met by another assessment task passed in the LMS "
                + "gradebook; the grade for \"Assignment 1: online services\" was removed from the LMS gradebook.");
    }

    @Test
    void theTaskPageNoteSaysWhatTheGradeDidAndWhatItLeftAlone() {
        OutsideOutcome.Recorded recorded = new OutsideOutcome.Recorded(UUID.randomUUID(), OutsideOutcome.Effect.MET,
                List.of("1.2"), List.of("1.1"), List.of(), List.of("9.9"));

        assertThat(TaskGradeMeaning.note(recorded))
                .isEqualTo("met 1.2; kept the assessor's decision on 1.1; 9.9 not in the learner's version of the unit");
        assertThat(TaskGradeMeaning.noteUnrecorded(task, 30.0)).isEqualTo("below the pass mark 50/100");
    }
}
