package org.attest.tool.gradebook;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.attest.tool.portfolio.CompletionReport;
import org.attest.tool.portfolio.DecisionRecorded;
import org.attest.tool.portfolio.EvidenceSubmitted;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.UnitBinding;
import org.attest.tool.portfolio.UnitBindings;
import org.attest.tool.portfolio.UnitSignedOff;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns portfolio changes into scores for the unit's grade column, queued in the same transaction as
 * the change. The score always says where the learner stands now, whatever the event: criteria met
 * out of 100 while in progress (work waiting to be marked shows as Submitted/PendingManual, so the
 * LMS lists it for grading), full marks with Completed/FullyGraded once the unit is signed off. A
 * withdrawn decision therefore sends a lower score, newer than the last.
 */
@Component
class ProgressScores {

    static final int COMMENT_LIMIT = 1000;

    private final LearnerUnits learnerUnits;
    private final UnitBindings bindings;
    private final ScoreOutbox outbox;
    private final Clock clock;

    ProgressScores(LearnerUnits learnerUnits, UnitBindings bindings, ScoreOutbox outbox, Clock clock) {
        this.learnerUnits = learnerUnits;
        this.bindings = bindings;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(EvidenceSubmitted event) {
        queue(event.learnerUnitId(), true);
    }

    @EventListener
    void on(DecisionRecorded event) {
        queue(event.learnerUnitId(), false);
    }

    @EventListener
    void on(UnitSignedOff event) {
        queue(event.learnerUnitId(), false);
    }

    private void queue(UUID learnerUnitId, boolean evidenceSubmitted) {
        LearnerUnit unit = learnerUnits.byId(learnerUnitId).orElse(null);
        if (unit == null) {
            return;
        }
        List<UnitBinding> columns = bindings.inCourse(unit.course()).stream()
                .filter(b -> b.frameworkId().equals(unit.frameworkId()) && b.unitCode().equals(unit.unitCode()))
                .toList();
        if (columns.isEmpty()) {
            return; // no activity of this course is bound to the unit: there is no column to fill
        }
        CompletionReport report = learnerUnits.report(unit);
        QueuedScore.Reason reason;
        Score score;
        if (report.complete()) {
            reason = QueuedScore.Reason.SIGNED_OFF;
            score = new Score(unit.learnerSubject(), UnitLineItems.SCORE_MAXIMUM, UnitLineItems.SCORE_MAXIMUM,
                    "Unit " + unit.unitCode() + " complete: all " + report.criteriaTotal() + " criteria met and signed off.",
                    Score.ActivityProgress.Completed, Score.GradingProgress.FullyGraded, clock.instant());
        } else {
            boolean toMark = evidenceSubmitted || unit.awaitingReview() > 0;
            reason = evidenceSubmitted ? QueuedScore.Reason.EVIDENCE_SUBMITTED : QueuedScore.Reason.PROGRESS;
            score = new Score(unit.learnerSubject(), (double) report.percent(), UnitLineItems.SCORE_MAXIMUM,
                    progressComment(report, toMark),
                    toMark ? Score.ActivityProgress.Submitted : Score.ActivityProgress.InProgress,
                    toMark ? Score.GradingProgress.PendingManual : Score.GradingProgress.Pending, clock.instant());
        }
        for (UnitBinding column : columns) {
            outbox.enqueue(unit.course().platformId(), column.resourceLinkId(), unit.id(), reason, score);
        }
    }

    /** "7 of 18 criteria met. Evidence waiting to be marked. Still missing: ...", cut to fit a gradebook comment. */
    static String progressComment(CompletionReport report, boolean toMark) {
        StringBuilder comment = new StringBuilder()
                .append(report.criteriaMet()).append(" of ").append(report.criteriaTotal()).append(" criteria met.");
        if (toMark) {
            comment.append(" Evidence waiting to be marked.");
        }
        List<String> missing = report.missing();
        if (!missing.isEmpty()) {
            comment.append(" Still missing: ");
            for (int i = 0; i < missing.size(); i++) {
                String more = " (and " + (missing.size() - i) + " more)";
                String next = (i == 0 ? "" : "; ") + missing.get(i);
                if (comment.length() + next.length() + more.length() > COMMENT_LIMIT) {
                    comment.append(more);
                    return comment.toString();
                }
                comment.append(next);
            }
            comment.append('.');
        }
        return comment.toString();
    }
}
