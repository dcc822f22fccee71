package org.attest.tool.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.attest.tool.portfolio.CompletionReport;
import org.junit.jupiter.api.Test;

/** The comment that goes with a progress score is one short line: what is met and how much waits; the detail stays in Attest. */
class ProgressCommentTest {

    private static final CompletionReport SEVEN_OF_EIGHTEEN = new CompletionReport(false, false, 7, 18, List.of(), List.of(),
            List.of("224.2.4 has no assessed evidence", "range item 2b is not covered"));

    @Test
    void saysWhatIsMetAndHowManyClaimsWait() {
        assertThat(ProgressScores.progressComment(SEVEN_OF_EIGHTEEN, 2)).isEqualTo("7 of 18 criteria met; 2 claims waiting to be marked");
        assertThat(ProgressScores.progressComment(SEVEN_OF_EIGHTEEN, 1)).isEqualTo("7 of 18 criteria met; 1 claim waiting to be marked");
        assertThat(ProgressScores.progressComment(SEVEN_OF_EIGHTEEN, 0)).isEqualTo("7 of 18 criteria met");
    }

    @Test
    void aLongListOfMissingCriteriaStaysOutOfTheComment() {
        List<String> missing = IntStream.rangeClosed(1, 200).mapToObj(i -> "224.9." + i + " has no assessed evidence").toList();
        CompletionReport report = new CompletionReport(false, false, 0, 200, List.of(), List.of(), missing);

        assertThat(ProgressScores.progressComment(report, 3)).isEqualTo("0 of 200 criteria met; 3 claims waiting to be marked")
                .doesNotContain("224.9.1");
    }
}
