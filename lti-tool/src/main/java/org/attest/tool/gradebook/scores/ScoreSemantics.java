package org.attest.tool.gradebook.scores;

import org.attest.tool.gradebook.lms.Score;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.ProductFamilies.Family;

/**
 * What a unit score says, per LMS family, so the teacher sees the learner's number in the gradebook
 * (docs/gradebook.md, "What each LMS shows"). Moodle keeps scoreGiven only with FullyGraded; Canvas keeps it with
 * FullyGraded or PendingManual (which also flags "needs grading") and ignores it with Pending, NotReady or Failed;
 * other platforms get the LTI AGS meaning.
 */
final class ScoreSemantics {

    /** Where the learner stands in the unit. */
    enum Situation {
        /** Signed off: every criterion met. */
        COMPLETE,
        /** Some criteria met or none, and evidence waits for an assessor. */
        EVIDENCE_WAITING,
        /** Some criteria met or none, nothing waiting for an assessor. */
        IN_PROGRESS
    }

    record Progress(Score.ActivityProgress activity, Score.GradingProgress grading) {
    }

    private ScoreSemantics() {
    }

    static Progress of(Family family, Situation situation) {
        if (situation == Situation.COMPLETE) {
            return new Progress(Score.ActivityProgress.Completed, Score.GradingProgress.FullyGraded);
        }
        boolean waiting = situation == Situation.EVIDENCE_WAITING;
        Score.ActivityProgress activity = waiting ? Score.ActivityProgress.Submitted : Score.ActivityProgress.InProgress;
        return switch (family) {
            // Moodle nulls scoreGiven unless FullyGraded: always FullyGraded, the waiting work is in the comment.
            case MOODLE -> new Progress(activity, Score.GradingProgress.FullyGraded);
            // Canvas keeps the number with PendingManual and lists it under "needs grading": right while evidence waits.
            // With nothing waiting, Pending would drop the number (and a 0 would show "needs grading"): FullyGraded.
            case CANVAS -> new Progress(activity, waiting ? Score.GradingProgress.PendingManual : Score.GradingProgress.FullyGraded);
            // The AGS specification: PendingManual means a human must grade; Pending means the final grade is still to come.
            case OTHER -> new Progress(activity, waiting ? Score.GradingProgress.PendingManual : Score.GradingProgress.Pending);
        };
    }

    /** Why a score the LMS keeps refusing as not newer than its grade (HTTP 409) waits for the admin, in the LMS's words. */
    static String keepsRefusing(Platform platform) {
        boolean moodle = platform.family() == Family.MOODLE;
        String lms = moodle ? "Moodle" : platform.name();
        return lms + " keeps refusing this score because its grade there carries a later time than Attest's, even after Attest sent it"
                + " again a few seconds later (the grade was changed in " + lms + ", and " + lms + "'s clock may run ahead of this"
                + " server's). Attest did not overwrite it. Send again now sends it with a fresh time."
                + (moodle ? " A grade a teacher typed in Moodle's grader report still shows there until they remove their override." : "");
    }
}
