package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.portfolio.internal.CompletionTest.UNIT_224;
import static org.attest.tool.portfolio.internal.CompletionTest.evaluate;
import static org.attest.tool.portfolio.internal.CompletionTest.status;

import java.util.List;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionState;
import org.junit.jupiter.api.Test;

/** What an internal verifier's hold and disagreement do to completion (rule 8), on Unit 224 and in the aggregate. */
class QualityHoldCompletionTest {

    @Test
    void aHeldUnitIsNeverCompleteAndSaysTheVerifierHasNotAgreedEvenWhenSignedOff() {
        SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).heldBecause("the witness testimony is unsigned");

        CompletionReport report = evaluate(portfolio);

        assertThat(report.complete()).isFalse();
        assertThat(report.readyForSignOff()).as("the assessor may sign off again while the hold stands").isTrue();
        assertThat(report.criteriaMet()).isEqualTo(18);
        assertThat(report.missing()).containsExactly("the internal verifier has not yet agreed: the witness testimony is unsigned");
    }

    @Test
    void aDecisionTheVerifierDidNotAgreeWithStopsCountingUntilDecidedAgain() {
        SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).notSignedOff().heldBecause("sampled");
        portfolio.decision("224.1.1").verifierDisagreed("the observation does not show the customer's needs");

        CompletionReport report = evaluate(portfolio);

        assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.VERIFIER_DISAGREED);
        assertThat(status(report, "224.1.1").explanation())
                .isEqualTo("224.1.1: The internal verifier did not agree: the observation does not show the customer's needs");
        assertThat(report.criteriaMet()).isEqualTo(17);
        assertThat(report.readyForSignOff()).isFalse();
        assertThat(report.missing()).containsExactly(
                "224.1.1: The internal verifier did not agree: the observation does not show the customer's needs",
                "no assessor has signed the unit off", "the internal verifier has not yet agreed: sampled");
    }

    @Test
    void theHoldReachesTheCountsTheRowKeepsThroughTheAggregate() {
        Portfolios p = new Portfolios();
        p.allMet().signed(UnitSignature.Kind.DECLARATION, Portfolios.LEARNER, false).signed(UnitSignature.Kind.SIGN_OFF, Portfolios.ASSESSOR, false);
        assertThat(p.portfolio().counts().complete()).as("not held").isTrue();

        LearnerUnit u = p.learnerUnit;
        LearnerUnit held = new LearnerUnit(u.id(), u.course(), u.learnerSubject(), u.learnerName(), u.frameworkId(),
                u.unitCode(), u.versionId(), 3, 3, true, true, 0, u.lastActivityAt(), "sampled: not agreed");
        LearnerPortfolio portfolio = p.portfolio(held);

        assertThat(portfolio.counts().complete()).isFalse();
        assertThat(portfolio.counts().readyForSignOff()).isTrue();
        assertThat(portfolio.report().missing()).containsExactly("the internal verifier has not yet agreed: sampled: not agreed");
    }

    @Test
    void theAssessorMayDecideAFlaggedCriterionAgainOnTheSameEvidence() {
        Portfolios p = new Portfolios();
        Evidence e = p.evidence("assignment", Evidence.Status.ASSESSED, "1.1", MappingStatus.CONFIRMED);
        AssessmentDecision met = p.decision("1.1", Outcome.MET, "assessor-1", false, e);
        AssessmentDecision flagged = new AssessmentDecision(met.id(), met.learnerUnitId(), met.criterionId(), met.criterionCode(),
                met.outcome(), met.feedback(), met.evidenceReliedOn(), met.source(), met.assessorSubject(), met.assessorName(),
                false, null, null, false, met.decidedAt(), "not shown");

        var again = CriterionDecisions.decide(p.learnerUnit, "assessor-1", "assessor-1", p.criterion("1.1"),
                new Assessment.DecisionInput(Outcome.MET, null), AssessmentDecision.Source.ASSESSOR, true, List.of(e),
                List.of(flagged), Portfolios.NOW);
        var unflagged = CriterionDecisions.decide(p.learnerUnit, "assessor-1", "assessor-1", p.criterion("1.1"),
                new Assessment.DecisionInput(Outcome.MET, null), AssessmentDecision.Source.ASSESSOR, true, List.of(e),
                List.of(met), Portfolios.NOW);

        assertThat(again).as("a new decision, without the verifier's reason").isPresent();
        assertThat(unflagged).as("the same decision again changes nothing").isEmpty();
    }
}
