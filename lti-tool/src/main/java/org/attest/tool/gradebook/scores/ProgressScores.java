package org.attest.tool.gradebook.scores;

import java.time.Clock;
import org.attest.tool.gradebook.lms.Score;
import org.attest.tool.lti.ProductFamilies;
import org.attest.tool.lti.ProductFamilies.Family;
import org.attest.tool.portfolio.DecisionRecorded;
import org.attest.tool.portfolio.EvidenceSubmitted;
import org.attest.tool.portfolio.QualityHoldChanged;
import org.attest.tool.portfolio.UnitProgress;
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

    private final ScoreOutbox outbox;
    private final ProductFamilies families;
    private final Clock clock;

    ProgressScores(ScoreOutbox outbox, ProductFamilies families, Clock clock) {
        this.outbox = outbox;
        this.families = families;
        this.clock = clock;
    }

    @EventListener
    void on(EvidenceSubmitted event) {
        queue(event.progress(), true);
    }

    @EventListener
    void on(DecisionRecorded event) {
        queue(event.progress(), false);
    }

    @EventListener
    void on(UnitSignedOff event) {
        queue(event.progress(), false);
    }

    /** A held unit is never complete, so the column drops from complete until the internal verifier releases it. */
    @EventListener
    void on(QualityHoldChanged event) {
        queue(event.progress(), false);
    }

    /** The event carries every fact the score needs: nothing is read back from the portfolio. */
    private void queue(UnitProgress unit, boolean evidenceSubmitted) {
        if (unit.boundResourceLinks().isEmpty()) {
            return; // no activity of this course is bound to the unit: there is no column to fill
        }
        Family family = families.effective(unit.course().platformId());
        QueuedScore.Reason reason;
        Score score;
        if (unit.complete()) {
            reason = QueuedScore.Reason.SIGNED_OFF;
            ScoreSemantics.Progress progress = ScoreSemantics.of(family, ScoreSemantics.Situation.COMPLETE);
            score = new Score(unit.learnerSubject(), UnitLineItems.SCORE_MAXIMUM, UnitLineItems.SCORE_MAXIMUM,
                    "Unit " + unit.unitCode() + " complete: all " + unit.criteriaTotal() + " criteria met and signed off.",
                    progress.activity(), progress.grading(), clock.instant());
        } else {
            boolean toMark = evidenceSubmitted || unit.claimsWaiting() > 0;
            reason = evidenceSubmitted ? QueuedScore.Reason.EVIDENCE_SUBMITTED : QueuedScore.Reason.PROGRESS;
            ScoreSemantics.Progress progress = ScoreSemantics.of(family,
                    toMark ? ScoreSemantics.Situation.EVIDENCE_WAITING : ScoreSemantics.Situation.IN_PROGRESS);
            score = new Score(unit.learnerSubject(), (double) unit.percent(), UnitLineItems.SCORE_MAXIMUM,
                    progressComment(unit.criteriaMet(), unit.criteriaTotal(), toMark ? Math.max(1, unit.claimsWaiting()) : 0),
                    progress.activity(), progress.grading(), clock.instant());
        }
        for (String column : unit.boundResourceLinks()) {
            outbox.enqueue(unit.course().platformId(), column, unit.learnerUnitId(), reason, score);
        }
    }

    /**
     * One short line for the gradebook, "7 of 18 criteria met; 2 claims waiting to be marked": Moodle's user report
     * shows the comment in full, so the detail (what is missing, what was said) stays in Attest.
     */
    static String progressComment(int criteriaMet, int criteriaTotal, int claimsWaiting) {
        String met = criteriaMet + " of " + criteriaTotal + " criteria met";
        return switch (claimsWaiting) {
            case 0 -> met;
            case 1 -> met + "; 1 claim waiting to be marked";
            default -> met + "; " + claimsWaiting + " claims waiting to be marked";
        };
    }
}
