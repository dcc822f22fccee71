package org.attest.tool.portfolio.internal;

import org.attest.tool.portfolio.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attest.tool.portfolio.internal.Portfolios.ASSESSOR;
import static org.attest.tool.portfolio.internal.Portfolios.LEARNER;
import static org.attest.tool.portfolio.internal.Portfolios.NOW;
import static org.attest.tool.portfolio.internal.Portfolios.QUALIFIED;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.portfolio.internal.Assessment.DecisionInput;
import org.attest.tool.portfolio.PortfolioRefused;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The portfolio's rules, on the aggregate alone: no database, no Spring. */
class LearnerPortfolioTest {

    private final Portfolios given = new Portfolios();

    @Nested
    class Review {

        @Test
        void confirmingAClaimRecordsTheVerdictMarksTheEvidenceAssessedAndAuditsIt() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);

            LearnerPortfolio.Review review = given.portfolio().review(ASSESSOR, e,
                    Map.of(given.criterion("1.1").id(), MappingStatus.CONFIRMED), Map.of(), true, NOW);

            assertThat(review.verdicts()).containsExactly(
                    new LearnerPortfolio.Verdict(given.criterion("1.1").id(), "1.1", MappingStatus.CONFIRMED));
            assertThat(review.assessed()).isTrue();
            assertThat(review.audit()).extracting(Audited::action).containsExactly(AuditAction.MAPPING_CONFIRMED);
        }

        @Test
        void aReviewThatLeavesEveryClaimForLaterChangesNothing() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);

            LearnerPortfolio.Review review = given.portfolio().review(ASSESSOR, e,
                    Map.of(given.criterion("1.1").id(), MappingStatus.CLAIMED), Map.of(), true, NOW);

            assertThat(review.verdicts()).isEmpty();
            assertThat(review.assessed()).isFalse();
            assertThat(review.decisions()).isEmpty();
            assertThat(review.audit()).isEmpty();
        }

        @Test
        void aMetDecisionRestsOnEvidenceConfirmedInTheSameReview() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);
            UUID c = given.criterion("1.1").id();

            LearnerPortfolio.Review review = given.portfolio().review(ASSESSOR, e, Map.of(c, MappingStatus.CONFIRMED),
                    Map.of(c, new DecisionInput(Outcome.MET, "  Well handled.  ")), true, NOW);

            assertThat(review.decisions()).singleElement().satisfies(d -> {
                assertThat(d.evidenceReliedOn()).containsExactly(e.id());
                assertThat(d.feedback()).isEqualTo("Well handled.");
                assertThat(d.countersignatureNeeded()).isFalse();
                assertThat(d.supersedes()).isNull();
            });
            assertThat(review.audit()).extracting(Audited::action)
                    .containsExactly(AuditAction.MAPPING_CONFIRMED, AuditAction.DECISION_RECORDED);
        }

        @Test
        void metWithoutConfirmedEvidenceIsRefused() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);
            UUID c = given.criterion("1.1").id();

            assertThatThrownBy(() -> given.portfolio().review(ASSESSOR, e, Map.of(c, MappingStatus.REJECTED),
                    Map.of(c, new DecisionInput(Outcome.MET, null)), true, NOW))
                    .isInstanceOf(PortfolioRefused.class)
                    .hasMessage("1.1 cannot be met without evidence: confirm evidence the learner mapped to it first");
        }

        @Test
        void theSameDecisionAgainIsNotRecorded() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.ASSESSED, "1.1", MappingStatus.CONFIRMED);
            given.decision("1.1", Outcome.MET, ASSESSOR.subject(), false, e);

            LearnerPortfolio.Review review = given.portfolio().review(ASSESSOR, e, Map.of(),
                    Map.of(given.criterion("1.1").id(), new DecisionInput(Outcome.MET, "")), true, NOW);

            assertThat(review.decisions()).isEmpty();
            assertThat(review.assessed()).isTrue();
        }

        @Test
        void anUnqualifiedAssessorsDecisionSupersedesTheCurrentOneAndNeedsACountersignature() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.ASSESSED, "1.1", MappingStatus.CONFIRMED);
            var previous = given.decision("1.1", Outcome.NOT_YET, QUALIFIED.subject(), false, e);

            LearnerPortfolio.Review review = given.portfolio().review(ASSESSOR, e, Map.of(),
                    Map.of(given.criterion("1.1").id(), new DecisionInput(Outcome.MET, null)), false, NOW);

            assertThat(review.decisions()).singleElement().satisfies(d -> {
                assertThat(d.countersignatureNeeded()).isTrue();
                assertThat(d.supersedes()).isEqualTo(previous.id());
                assertThat(d.audited().detail()).containsEntry("supersedes", previous.id().toString())
                        .containsEntry("countersignatureNeeded", true);
            });
        }

        @Test
        void refusesAnOldVersionASignedOffUnitAnUnclaimedItemAForeignCriterionAndLongFeedback() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);
            UUID c = given.criterion("1.1").id();
            Evidence old = new Evidence(e.id(), e.learnerUnitId(), e.lineageId(), 1, false, e.status(), e.title(), e.account(),
                    e.occasionDate(), e.methods(), null, null, false, null, null, "learner-1", NOW, NOW, e.files(),
                    e.mappings(), null);

            assertRefused(() -> given.portfolio().review(ASSESSOR, old, Map.of(), Map.of(), true, NOW),
                    "the learner has made a newer version of this evidence; review that one");
            assertRefused(() -> given.portfolio().review(ASSESSOR, e, Map.of(given.criterion("2.1").id(),
                    MappingStatus.CONFIRMED), Map.of(), true, NOW), "the learner did not map this evidence to that item");
            assertRefused(() -> given.portfolio().review(ASSESSOR, e, Map.of(),
                    Map.of(UUID.randomUUID(), new DecisionInput(Outcome.NOT_YET, null)), true, NOW),
                    "that criterion is not part of Unit R101");
            assertRefused(() -> given.portfolio().review(ASSESSOR, e, Map.of(),
                    Map.of(c, new DecisionInput(Outcome.NOT_YET, "x".repeat(4001))), true, NOW),
                    "feedback on 1.1 is longer than 4,000 characters");
            given.signed(UnitSignature.Kind.SIGN_OFF, ASSESSOR, false);
            assertRefused(() -> given.portfolio().review(ASSESSOR, e, Map.of(), Map.of(), true, NOW),
                    "Unit R101 is signed off; its decisions can no longer change");
        }
    }

    @Nested
    class Evidences {

        @Test
        void mappingAddsNewClaimsAndWithdrawsOnlyClaimsNobodyReviewed() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.ASSESSED, "1.1", MappingStatus.CONFIRMED,
                    "1.2", MappingStatus.CLAIMED);

            Claims claims = given.portfolio().claims(e, Set.of(given.criterion("2.1").id()));

            assertThat(claims.added()).extracting(Claims.Item::code).containsExactly("2.1");
            assertThat(claims.withdrawn()).extracting(Evidence.Mapping::code).containsExactly("1.2");
        }

        @Test
        void mappingToAnItemOutsideTheUnitIsRefused() {
            Evidence e = given.evidence("Handled a complaint", Evidence.Status.SUBMITTED);

            assertRefused(() -> given.portfolio().claims(e, Set.of(UUID.randomUUID())),
                    "the evidence can only be mapped to criteria and range items of Unit R101");
        }

        @Test
        void theEvidenceOfASignedOffUnitCannotChange() {
            given.portfolio().requireEvidenceMayChange();
            given.signed(UnitSignature.Kind.SIGN_OFF, ASSESSOR, false);

            assertRefused(() -> given.portfolio().requireEvidenceMayChange(),
                    "Unit R101 is signed off; its evidence can no longer change");
        }

        @Test
        void countsWhatWaitsForMarkingAndForACountersignature() {
            given.evidence("Unmarked", Evidence.Status.SUBMITTED);
            given.evidence("Claimed again", Evidence.Status.ASSESSED, "1.1", MappingStatus.CLAIMED, "1.2", MappingStatus.CLAIMED);
            Evidence confirmed = given.evidence("Marked", Evidence.Status.ASSESSED, "2.1", MappingStatus.CONFIRMED);
            given.decision("2.1", Outcome.MET, ASSESSOR.subject(), true, confirmed);

            LearnerUnitStore.Counts counts = given.portfolio().counts();

            assertThat(counts.awaitingReview()).isEqualTo(2);
            assertThat(counts.evidenceToMark()).isEqualTo(2);
            assertThat(counts.awaitingCountersignature()).isEqualTo(1);
            assertThat(counts.criteriaMet()).as("a MET awaiting its countersignature does not count yet").isZero();
        }
    }

    @Nested
    class Signatures {

        @Test
        void theDeclarationNeedsEvidenceAndIsSignedOnce() {
            assertRefused(() -> given.portfolio().declare(LEARNER, "Lee Learner", NOW),
                    "add your evidence before you sign the declaration");
            given.evidence("Handled a complaint", Evidence.Status.SUBMITTED);

            NewSignature declaration = given.portfolio().declare(LEARNER, "  lee   LEARNER ", NOW);

            assertThat(declaration.kind()).isEqualTo(UnitSignature.Kind.DECLARATION);
            assertThat(declaration.typedName()).isEqualTo("lee   LEARNER");
            assertThat(declaration.statement()).isEqualTo(LearnerPortfolio.DECLARATION);
            given.signed(UnitSignature.Kind.DECLARATION, LEARNER, false);
            assertRefused(() -> given.portfolio().declare(LEARNER, "Lee Learner", NOW), "you have already signed the declaration");
        }

        @Test
        void aSignatureIsTheNameTheLmsKnowsTypedOut() {
            given.evidence("Handled a complaint", Evidence.Status.SUBMITTED);

            assertRefused(() -> given.portfolio().declare(LEARNER, " ", NOW), "type your full name to sign");
            assertRefused(() -> given.portfolio().declare(LEARNER, "Someone Else", NOW),
                    "type your name as your LMS knows it (Lee Learner) to sign");
        }

        @Test
        void signOffWaitsForEveryRuleAndThenForTheDeclaration() {
            given.evidence("Handled a complaint", Evidence.Status.SUBMITTED, "1.1", MappingStatus.CLAIMED);
            assertThatThrownBy(() -> given.portfolio().signOff(ASSESSOR, "Ann Assessor", true, NOW))
                    .hasMessageStartingWith("Unit R101 cannot be signed off yet: ");

            Portfolios ready = new Portfolios().allMet();
            assertRefused(() -> ready.portfolio().signOff(ASSESSOR, "Ann Assessor", true, NOW),
                    "the learner has not signed the declaration yet");
            ready.signed(UnitSignature.Kind.DECLARATION, LEARNER, false);

            NewSignature signOff = ready.portfolio().signOff(ASSESSOR, "Ann Assessor", false, NOW);

            assertThat(signOff.kind()).isEqualTo(UnitSignature.Kind.SIGN_OFF);
            assertThat(signOff.needsCountersignature()).as("signed by an unqualified assessor").isTrue();
            ready.signed(UnitSignature.Kind.SIGN_OFF, ASSESSOR, true);
            assertRefused(() -> ready.portfolio().signOff(ASSESSOR, "Ann Assessor", true, NOW), "Unit R101 is already signed off");
        }

        @Test
        void onlyAnotherQualifiedAssessorCountersignsASignOffThatNeedsIt() {
            Portfolios signedOff = new Portfolios().allMet().signed(UnitSignature.Kind.DECLARATION, LEARNER, false);
            assertRefused(() -> signedOff.portfolio().countersignSignOff(QUALIFIED, "Quinn Qualified", true, NOW),
                    "Unit R101 has not been signed off");
            signedOff.signed(UnitSignature.Kind.SIGN_OFF, ASSESSOR, true);

            assertRefused(() -> signedOff.portfolio().countersignSignOff(QUALIFIED, "Quinn Qualified", false, NOW),
                    "only a qualified assessor can countersign; ask your centre administrator");
            assertRefused(() -> signedOff.portfolio().countersignSignOff(ASSESSOR, "Ann Assessor", true, NOW),
                    "you cannot countersign your own work");
            assertThat(signedOff.portfolio().countersignSignOff(QUALIFIED, "Quinn Qualified", true, NOW).kind())
                    .isEqualTo(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE);
            assertThat(signedOff.portfolio().signOffSigner()).isEqualTo("Ann Assessor");

            signedOff.signed(UnitSignature.Kind.SIGN_OFF_COUNTERSIGNATURE, QUALIFIED, false);
            assertRefused(() -> signedOff.portfolio().countersignSignOff(QUALIFIED, "Quinn Qualified", true, NOW),
                    "that sign-off needs no countersignature");
            assertThat(signedOff.portfolio().report().complete()).isTrue();
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable action, String message) {
        assertThatThrownBy(action).isInstanceOf(PortfolioRefused.class).hasMessage(message);
    }

}
