package org.attest.tool.gradebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.attest.tool.portfolio.CompletionReport;
import org.junit.jupiter.api.Test;

/** The comment that goes with a progress score: what is met, whether work waits, and what is still missing, short enough for a gradebook. */
class ProgressCommentTest {

    @Test
    void saysWhatIsMetWhatWaitsAndWhatIsMissing() {
        CompletionReport report = new CompletionReport(false, false, 7, 18, List.of(), List.of(),
                List.of("224.2.4 has no assessed evidence", "range item 2b is not covered"));

        assertThat(ProgressScores.progressComment(report, true)).isEqualTo("7 of 18 criteria met. Evidence waiting to be marked. "
                + "Still missing: 224.2.4 has no assessed evidence; range item 2b is not covered.");
        assertThat(ProgressScores.progressComment(report, false)).startsWith("7 of 18 criteria met. Still missing:");
    }

    @Test
    void aLongListIsCutWithACountOfWhatIsLeftOut() {
        List<String> missing = IntStream.rangeClosed(1, 200).mapToObj(i -> "224.9." + i + " has no assessed evidence").toList();
        CompletionReport report = new CompletionReport(false, false, 0, 200, List.of(), List.of(), missing);

        String comment = ProgressScores.progressComment(report, false);

        assertThat(comment.length()).isLessThanOrEqualTo(ProgressScores.COMMENT_LIMIT);
        assertThat(comment).startsWith("0 of 200 criteria met. Still missing: 224.9.1 has no assessed evidence;")
                .matches(".*\\(and \\d+ more\\)$");
        int shown = comment.split(";").length;
        assertThat(comment).endsWith("(and " + (200 - shown) + " more)");
    }
}
