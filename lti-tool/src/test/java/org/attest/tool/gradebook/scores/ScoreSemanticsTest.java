package org.attest.tool.gradebook.scores;

import static org.assertj.core.api.Assertions.assertThat;

import org.attest.tool.gradebook.lms.Score.ActivityProgress;
import org.attest.tool.gradebook.lms.Score.GradingProgress;
import org.attest.tool.gradebook.scores.ScoreSemantics.Progress;
import org.attest.tool.gradebook.scores.ScoreSemantics.Situation;
import org.attest.tool.lti.ProductFamilies.Family;
import org.junit.jupiter.api.Test;

/** The matrix in docs/gradebook.md: what each LMS family is sent in each situation so its teacher sees the number. */
class ScoreSemanticsTest {

    @Test
    void moodleIsAlwaysSentFullyGradedSoItKeepsTheNumber() {
        assertThat(ScoreSemantics.of(Family.MOODLE, Situation.IN_PROGRESS))
                .isEqualTo(new Progress(ActivityProgress.InProgress, GradingProgress.FullyGraded));
        assertThat(ScoreSemantics.of(Family.MOODLE, Situation.EVIDENCE_WAITING))
                .isEqualTo(new Progress(ActivityProgress.Submitted, GradingProgress.FullyGraded));
        assertThat(ScoreSemantics.of(Family.MOODLE, Situation.COMPLETE))
                .isEqualTo(new Progress(ActivityProgress.Completed, GradingProgress.FullyGraded));
    }

    @Test
    void canvasFlagsWaitingEvidenceForGradingAndOtherwiseKeepsTheNumber() {
        assertThat(ScoreSemantics.of(Family.CANVAS, Situation.EVIDENCE_WAITING))
                .isEqualTo(new Progress(ActivityProgress.Submitted, GradingProgress.PendingManual));
        assertThat(ScoreSemantics.of(Family.CANVAS, Situation.IN_PROGRESS))
                .as("Pending would make Canvas ignore scoreGiven").isEqualTo(new Progress(ActivityProgress.InProgress, GradingProgress.FullyGraded));
        assertThat(ScoreSemantics.of(Family.CANVAS, Situation.COMPLETE))
                .isEqualTo(new Progress(ActivityProgress.Completed, GradingProgress.FullyGraded));
    }

    @Test
    void otherPlatformsGetTheMeaningOfTheAgsSpecification() {
        assertThat(ScoreSemantics.of(Family.OTHER, Situation.EVIDENCE_WAITING))
                .isEqualTo(new Progress(ActivityProgress.Submitted, GradingProgress.PendingManual));
        assertThat(ScoreSemantics.of(Family.OTHER, Situation.IN_PROGRESS))
                .isEqualTo(new Progress(ActivityProgress.InProgress, GradingProgress.Pending));
        assertThat(ScoreSemantics.of(Family.OTHER, Situation.COMPLETE))
                .isEqualTo(new Progress(ActivityProgress.Completed, GradingProgress.FullyGraded));
    }

    @Test
    void theFamilyComesFromTheProductFamilyCode() {
        assertThat(Family.ofCode("moodle")).isEqualTo(Family.MOODLE);
        assertThat(Family.ofCode("Canvas")).isEqualTo(Family.CANVAS);
        assertThat(Family.ofCode("attest-sandbox")).as("the sandbox plays Moodle").isEqualTo(Family.MOODLE);
        assertThat(Family.ofCode("sakai")).isEqualTo(Family.OTHER);
        assertThat(Family.ofCode(null)).isEqualTo(Family.OTHER);
    }
}
