package org.attest.tool.portfolio.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionState;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionStatus;
import org.attest.tool.portfolio.internal.PortfolioView;

/**
 * One criterion's row on the unit page, worked out in Java so that the page only prints it: the unit page is where
 * every launch lands, and each method a template calls per row costs more than the row's Java (measured in
 * docs/benchmarks.md, issue 12).
 *
 * @param code the criterion's code ("224.1.1")
 * @param statement what the criterion asks
 * @param state where it stands, in words
 * @param css the status tag's classes
 * @param fromGradebook the decision is a grade read back from the LMS gradebook
 * @param source who decided, in words (shown on the tag of a gradebook decision)
 * @param gradebookFeedback that grade's feedback (shown as the tag's title), or null
 * @param explained an explanation is shown: every state but MET has one
 * @param explanation why the criterion stands where it does
 */
record CriterionRow(String code, String statement, String state, String css, boolean fromGradebook, String source,
        String gradebookFeedback, boolean explained, String explanation) {

    static List<CriterionRow> of(List<CriterionStatus> statuses, PortfolioView view, StatusLabels labels) {
        Map<UUID, AssessmentDecision> decisions = view.decisions().stream()
                .collect(Collectors.toMap(AssessmentDecision::criterionId, Function.identity(), (first, later) -> first));
        return statuses.stream().map(s -> {
            AssessmentDecision d = decisions.get(s.criterion().id());
            boolean fromGradebook = d != null && d.source() == AssessmentDecision.Source.GRADEBOOK;
            return new CriterionRow(s.criterion().code(), s.criterion().statement(), labels.state(s.state()),
                    labels.css(s.state()), fromGradebook, d == null ? null : labels.source(d.source()),
                    fromGradebook ? d.feedback() : null, s.state() != CriterionState.MET,
                    s.explanation());
        }).toList();
    }
}
