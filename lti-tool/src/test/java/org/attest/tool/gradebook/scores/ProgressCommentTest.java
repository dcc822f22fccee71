package org.attest.tool.gradebook.scores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The comment that goes with a progress score is one short line: what is met and how much waits; the detail stays in Attest. */
class ProgressCommentTest {

    @Test
    void saysWhatIsMetAndHowManyClaimsWait() {
        assertThat(ProgressScores.progressComment(7, 18, 2)).isEqualTo("7 of 18 criteria met; 2 claims waiting to be marked");
        assertThat(ProgressScores.progressComment(7, 18, 1)).isEqualTo("7 of 18 criteria met; 1 claim waiting to be marked");
        assertThat(ProgressScores.progressComment(7, 18, 0)).isEqualTo("7 of 18 criteria met");
    }

    @Test
    void staysOneShortLineHoweverLargeTheUnit() {
        assertThat(ProgressScores.progressComment(0, 200, 3)).isEqualTo("0 of 200 criteria met; 3 claims waiting to be marked")
                .doesNotContain("\n").hasSizeLessThan(80);
    }
}
