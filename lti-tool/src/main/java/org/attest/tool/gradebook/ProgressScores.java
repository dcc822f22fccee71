package org.attest.tool.gradebook;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.ProductFamilies;
import org.attest.tool.lti.ProductFamilies.Family;
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
 * out of 100 while in progress, full marks with Completed/FullyGraded once the unit is signed off. How
 * progress is flagged depends on the LMS (ScoreSemantics): Moodle keeps the number only when FullyGraded,
 * Canvas flags PendingManual as "needs grading". A withdrawn decision therefore sends a lower score, newer than the last.
 */
@Component
class ProgressScores {

    private final LearnerUnits learnerUnits;
    private final UnitBindings bindings;
    private final ScoreOutbox outbox;
    private final ProductFamilies families;
    private final Clock clock;

    ProgressScores(LearnerUnits learnerUnits, UnitBindings bindings, ScoreOutbox outbox, ProductFamilies families, Clock clock) {
        this.learnerUnits = learnerUnits;
        this.bindings = bindings;
        this.outbox = outbox;
        this.families = families;
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
        Family family = families.effective(unit.course().platformId());
        QueuedScore.Reason reason;
        Score score;
        if (report.complete()) {
            reason = QueuedScore.Reason.SIGNED_OFF;
            ScoreSemantics.Progress progress = ScoreSemantics.of(family, ScoreSemantics.Situation.COMPLETE);
            score = new Score(unit.learnerSubject(), UnitLineItems.SCORE_MAXIMUM, UnitLineItems.SCORE_MAXIMUM,
                    "Unit " + unit.unitCode() + " complete: all " + report.criteriaTotal() + " criteria met and signed off.",
                    progress.activity(), progress.grading(), clock.instant());
        } else {
            boolean toMark = evidenceSubmitted || unit.awaitingReview() > 0;
            reason = evidenceSubmitted ? QueuedScore.Reason.EVIDENCE_SUBMITTED : QueuedScore.Reason.PROGRESS;
            ScoreSemantics.Progress progress = ScoreSemantics.of(family,
                    toMark ? ScoreSemantics.Situation.EVIDENCE_WAITING : ScoreSemantics.Situation.IN_PROGRESS);
            score = new Score(unit.learnerSubject(), (double) report.percent(), UnitLineItems.SCORE_MAXIMUM,
                    progressComment(report, toMark ? Math.max(1, unit.awaitingReview()) : 0),
                    progress.activity(), progress.grading(), clock.instant());
        }
        for (UnitBinding column : columns) {
            outbox.enqueue(unit.course().platformId(), column.resourceLinkId(), unit.id(), reason, score);
        }
    }

    /**
     * One short line for the gradebook, "7 of 18 criteria met; 2 claims waiting to be marked": Moodle's user report
     * shows the comment in full, so the detail (what is missing, what was said) stays in Attest.
     */
    static String progressComment(CompletionReport report, int claimsWaiting) {
        String met = report.criteriaMet() + " of " + report.criteriaTotal() + " criteria met";
        return switch (claimsWaiting) {
            case 0 -> met;
            case 1 -> met + "; 1 claim waiting to be marked";
            default -> met + "; " + claimsWaiting + " claims waiting to be marked";
        };
    }
}
