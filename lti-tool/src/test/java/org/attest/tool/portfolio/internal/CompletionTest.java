package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.portfolio.internal.SnapshotBuilder.FIRST_OCCASION;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.attest.standards.CriterionKind;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.SimulationRule;
import org.attest.standards.Unit;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionState;
import org.attest.tool.portfolio.internal.CompletionReport.CriterionStatus;
import org.attest.tool.portfolio.internal.CompletionReport.RangeStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The completion rules on Unit 224 as imported from the seed, and on a small RQF unit. */
class CompletionTest {

    static final Unit UNIT_224 = TestUnits.unit224();

    static CompletionReport evaluate(SnapshotBuilder portfolio) {
        return Completion.evaluate(UNIT_224, portfolio.build());
    }

    static CriterionStatus status(CompletionReport report, String code) {
        return report.criteria().stream().filter(s -> s.criterion().code().equals(code)).findFirst().orElseThrow();
    }

    static RangeStatus range(CompletionReport report, String code) {
        return report.range().stream().filter(r -> r.item().code().equals(code)).findFirst().orElseThrow();
    }

    /** Unit 224 with other evidence rules, everything else as imported. */
    static Unit unit224With(EvidenceRequirements evidence) {
        Unit u = UNIT_224;
        return new Unit(u.id(), u.code(), u.title(), u.level(), u.credits(), u.aims(), u.elements(), u.range(), evidence,
                u.methods());
    }

    @Test
    void seedUnitHasTheShapeTheseTestsAssume() {
        assertThat(UNIT_224.criteria().filter(c -> c.kind() == CriterionKind.PERFORMANCE)).hasSize(11);
        assertThat(UNIT_224.criteria().filter(c -> c.kind() == CriterionKind.KNOWLEDGE)).hasSize(7);
        assertThat(UNIT_224.rangeItems().map(r -> r.code())).containsExactly("1a", "1b", "2a", "2b");
        assertThat(UNIT_224.evidence().simulation()).isEqualTo(SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE);
        assertThat(UNIT_224.evidence().minimumOccasions()).isEqualTo(2);
        assertThat(UNIT_224.evidence().differentCustomersRequired()).isTrue();
    }

    @Nested
    class WholeReport {

        @Test
        void emptyPortfolioIsAtNoughtPercentAndListsEveryGapInUnitOrder() {
            CompletionReport report = Completion.evaluate(UNIT_224, PortfolioSnapshot.EMPTY);

            assertThat(report.complete()).isFalse();
            assertThat(report.readyForSignOff()).isFalse();
            assertThat(report.percent()).isZero();
            assertThat(report.criteriaMet()).isZero();
            assertThat(report.criteriaTotal()).isEqualTo(18);
            assertThat(report.criteria()).extracting(CriterionStatus::state).containsOnly(CriterionState.NO_EVIDENCE);
            List<String> expected = new ArrayList<>(UNIT_224.criteria().map(c -> c.code() + " has no assessed evidence").toList());
            expected.addAll(List.of(
                    "range 1a (new to the use of online services for this particular purpose) not covered",
                    "range 1b (familiar with the use of online services for this particular purpose) not covered",
                    "range 2a (the customer's use of the online services) not covered",
                    "range 2b (a system or equipment failure) not covered",
                    "evidence comes from no occasion yet; the unit asks for different occasions",
                    "evidence involves no customer yet; the unit asks for different customers on different occasions",
                    "the learner has not signed the declaration",
                    "no assessor has signed the unit off"));
            assertThat(report.missing()).containsExactlyElementsOf(expected);
        }

        @Test
        void completePortfolioIsCompleteAtHundredPercentWithNothingMissing() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224));

            assertThat(report.complete()).isTrue();
            assertThat(report.readyForSignOff()).isTrue();
            assertThat(report.percent()).isEqualTo(100);
            assertThat(report.criteriaMet()).isEqualTo(18);
            assertThat(report.missing()).isEmpty();
            assertThat(report.criteria()).extracting(CriterionStatus::explanation).startsWith("224.1.1 is met");
            assertThat(report.range()).allMatch(r -> r.covered() && r.claimed());
        }

        @Test
        void missingListsCriteriaThenRangeThenSufficiencyThenSignatures() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).notDeclared();
            portfolio.evidence("observation 1").rejects("2b", "224.3.2");
            portfolio.evidence("observation 2").customer("customer A").unmaps("2b", "224.1.4");
            portfolio.decision("224.1.4").needsReview();
            portfolio.decision("224.3.2").reliesOn("observation 1");

            CompletionReport report = evaluate(portfolio);

            assertThat(report.missing()).containsExactly(
                    "224.1.4 changed in the new version of the unit; the assessor must review the decision",
                    "224.3.2 is decided on evidence not assessed for it",
                    "range 2b (a system or equipment failure) not covered",
                    "evidence involves 1 customer; the unit asks for different customers on different occasions",
                    "the learner has not signed the declaration");
        }

        @Test
        void rqfUnitCompletesWithoutSufficiencyRules() {
            Unit rqf = TestUnits.rqfUnit();

            CompletionReport report = Completion.evaluate(rqf, SnapshotBuilder.complete(rqf).build());

            assertThat(report.complete()).isTrue();
            assertThat(report.criteriaMet()).isEqualTo(3);
            assertThat(report.range()).isEmpty();
            assertThat(report.missing()).isEmpty();
        }

        @Test
        void rqfUnitIsIncompleteWhileAnAssessmentCriterionIsNotMet() {
            Unit rqf = TestUnits.rqfUnit();
            SnapshotBuilder portfolio = SnapshotBuilder.complete(rqf).withoutDecision("2.1");

            CompletionReport report = Completion.evaluate(rqf, portfolio.build());

            assertThat(report.complete()).isFalse();
            assertThat(report.percent()).isEqualTo(66);
            assertThat(report.missing()).containsExactly("2.1 awaits the assessor's decision");
        }

        @Test
        void decisionsAndMappingsForAnotherUnitAreIgnored() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            PortfolioSnapshot built = portfolio.build();
            UUID elsewhere = UUID.randomUUID();
            List<PortfolioSnapshot.DecisionFacts> decisions = new ArrayList<>(built.decisions());
            decisions.add(new PortfolioSnapshot.DecisionFacts(elsewhere, Outcome.NOT_YET, true, false, true, java.util.Set.of()));
            PortfolioSnapshot withStrangers = new PortfolioSnapshot(built.evidence(), decisions, built.signatures());

            assertThat(Completion.evaluate(UNIT_224, withStrangers)).isEqualTo(Completion.evaluate(UNIT_224, built));
        }
    }

    @Nested
    class EveryCriterionHasACountingDecision {

        @Test
        void performanceCriterionWithoutDecisionKeepsTheUnitOpen() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).withoutDecision("224.2.4"));

            assertThat(status(report, "224.2.4").state()).isEqualTo(CriterionState.NOT_YET);
            assertThat(report.missing()).containsExactly("224.2.4 awaits the assessor's decision");
            assertThat(report.readyForSignOff()).isFalse();
            assertThat(report.criteriaMet()).isEqualTo(17);
        }

        @Test
        void knowledgeCriterionWithoutDecisionKeepsTheUnitOpen() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).withoutDecision("224.3.7"));

            assertThat(report.complete()).isFalse();
            assertThat(report.missing()).containsExactly("224.3.7 awaits the assessor's decision");
        }

        @Test
        void notYetDecisionDoesNotCount() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.decision("224.1.3").notYet();

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.3").state()).isEqualTo(CriterionState.NOT_YET);
            assertThat(report.missing()).containsExactly("224.1.3 is judged not yet met");
            assertThat(report.criteriaMet()).isEqualTo(17);
            assertThat(report.percent()).isEqualTo(94);
        }

        @Test
        void notYetDecisionWithoutEvidenceIsStillNotYet() {
            SnapshotBuilder portfolio = SnapshotBuilder.forUnit(UNIT_224);
            portfolio.decision("224.1.3").notYet();

            assertThat(status(evaluate(portfolio), "224.1.3").state()).isEqualTo(CriterionState.NOT_YET);
        }

        @Test
        void everyCriterionMetCounts() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224));

            assertThat(report.criteria()).extracting(CriterionStatus::state).containsOnly(CriterionState.MET);
        }
    }

    @Nested
    class MetDecisionsRestOnAssessedEvidence {

        @Test
        void metWithoutAnyMappedEvidenceDoesNotCount() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").unmaps("224.2.4");
            portfolio.evidence("observation 2").unmaps("224.2.4");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.2.4").state()).isEqualTo(CriterionState.NO_EVIDENCE);
            assertThat(report.missing()).containsExactly("224.2.4 has no assessed evidence");
        }

        @Test
        void onlyClaimedEvidenceIsClaimedNotAssessed() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).withoutDecision("224.2.4");
            portfolio.evidence("observation 1").claims("224.2.4");
            portfolio.evidence("observation 2").unmaps("224.2.4");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.2.4").state()).isEqualTo(CriterionState.CLAIMED);
            assertThat(report.missing()).containsExactly("224.2.4 has no assessed evidence; the learner's claim awaits the assessor");
        }

        @Test
        void onlyRejectedEvidenceIsNoEvidence() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").rejects("224.2.4");
            portfolio.evidence("observation 2").rejects("224.2.4");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.2.4").state()).isEqualTo(CriterionState.NO_EVIDENCE);
            assertThat(report.missing()).containsExactly("224.2.4 has no assessed evidence");
        }

        @Test
        void metRelyingOnEvidenceWhoseMappingWasRejectedDoesNotCount() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").rejects("224.1.1");
            portfolio.decision("224.1.1").reliesOn("observation 1");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.NOT_YET);
            assertThat(report.missing()).containsExactly("224.1.1 is decided on evidence not assessed for it");
        }

        @Test
        void metRelyingOnConfirmedEvidenceCounts() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").rejects("224.1.1");
            portfolio.decision("224.1.1").reliesOn("observation 1", "observation 2");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.MET);
            assertThat(report.complete()).isTrue();
        }

        @Test
        void performanceCriterionOnSimulatedEvidenceOnlyDoesNotCount() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").unmaps("224.1.2");
            portfolio.evidence("observation 2").unmaps("224.1.2");
            portfolio.evidence("role play").simulated().on(FIRST_OCCASION.plusDays(1)).customer("customer C").confirms("224.1.2");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.2").state()).isEqualTo(CriterionState.NOT_YET);
            assertThat(report.missing()).containsExactly(
                    "224.1.2 relies only on simulated evidence; the unit does not accept simulation for performance criteria");
        }

        @Test
        void performanceDecisionRelyingOnlyOnSimulationDoesNotCountEvenWithRealEvidenceAround() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("role play").simulated().confirms("224.1.2");
            portfolio.decision("224.1.2").reliesOn("role play");

            CompletionReport report = evaluate(portfolio);

            assertThat(report.missing()).containsExactly(
                    "224.1.2 relies only on simulated evidence; the unit does not accept simulation for performance criteria");
        }

        @Test
        void simulatedEvidenceCountsForKnowledgeWhenTheUnitBansItOnlyForPerformance() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").unmaps("224.3.1");
            portfolio.evidence("observation 2").unmaps("224.3.1");
            portfolio.evidence("role play").simulated().confirms("224.3.1");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.3.1").state()).isEqualTo(CriterionState.MET);
            assertThat(report.complete()).isTrue();
        }

        @Test
        void simulatedEvidenceDoesNotCountForKnowledgeWhenTheUnitBansAllSimulation() {
            Unit strict = unit224With(new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED, true, 2, true));
            SnapshotBuilder portfolio = SnapshotBuilder.complete(strict);
            portfolio.evidence("observation 1").unmaps("224.3.1");
            portfolio.evidence("observation 2").unmaps("224.3.1");
            portfolio.evidence("role play").simulated().confirms("224.3.1");

            CompletionReport report = Completion.evaluate(strict, portfolio.build());

            assertThat(report.missing()).containsExactly(
                    "224.3.1 relies only on simulated evidence; the unit does not accept simulation");
        }

        @Test
        void simulatedEvidenceCountsForPerformanceWhenTheUnitAllowsIt() {
            Unit lenient = unit224With(new EvidenceRequirements(List.of(), SimulationRule.ALLOWED, false, 2, true));
            SnapshotBuilder portfolio = SnapshotBuilder.complete(lenient);
            portfolio.evidence("observation 2").simulated();

            assertThat(Completion.evaluate(lenient, portfolio.build()).complete()).isTrue();
        }

        @Test
        void simulatedEvidenceWithoutDecisionSaysItWillNotCount() {
            SnapshotBuilder portfolio = SnapshotBuilder.forUnit(UNIT_224);
            portfolio.evidence("role play").simulated().confirms("224.2.1");

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.2.1").state()).isEqualTo(CriterionState.NOT_YET);
            assertThat(status(report, "224.2.1").explanation()).isEqualTo(
                    "224.2.1 relies only on simulated evidence; the unit does not accept simulation for performance criteria");
        }
    }

    @Nested
    class EveryRangeItemIsCovered {

        @Test
        void uncoveredItemIsNamedWithItsStatement() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").unmaps("2b");
            portfolio.evidence("observation 2").unmaps("2b");

            CompletionReport report = evaluate(portfolio);

            assertThat(range(report, "2b").covered()).isFalse();
            assertThat(range(report, "2b").claimed()).isFalse();
            assertThat(report.readyForSignOff()).isFalse();
            assertThat(report.missing()).containsExactly("range 2b (a system or equipment failure) not covered");
        }

        @Test
        void claimedItemIsClaimedButNotCovered() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").claims("1a");
            portfolio.evidence("observation 2").rejects("1a");

            CompletionReport report = evaluate(portfolio);

            assertThat(range(report, "1a").covered()).isFalse();
            assertThat(range(report, "1a").claimed()).isTrue();
            assertThat(report.missing()).containsExactly(
                    "range 1a (new to the use of online services for this particular purpose) not covered");
        }

        @Test
        void itemCoveredOnlyBySimulationIsNotCovered() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").unmaps("2a");
            portfolio.evidence("observation 2").unmaps("2a");
            portfolio.evidence("role play").simulated().confirms("2a");

            CompletionReport report = evaluate(portfolio);

            assertThat(range(report, "2a").covered()).isFalse();
            assertThat(range(report, "2a").claimed()).isTrue();
            assertThat(report.missing()).containsExactly(
                    "range 2a (the customer's use of the online services) not covered; the unit does not accept simulated evidence for it");
        }

        @Test
        void oneConfirmedRealPieceCoversAnItem() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 2").unmaps("1a", "1b", "2a", "2b");

            CompletionReport report = evaluate(portfolio);

            assertThat(report.range()).allMatch(RangeStatus::covered);
            assertThat(report.complete()).isTrue();
        }

        @Test
        void longStatementsAreShortenedAtAWord() {
            assertThat(Completion.shortened("a system or equipment failure.")).isEqualTo("a system or equipment failure");
            String shortened = Completion.shortened(
                    "customers who are angry, confused or vulnerable, including those whose first language is not English");
            assertThat(shortened).isEqualTo("customers who are angry, confused or vulnerable, including those…");
            assertThat(shortened.length()).isLessThanOrEqualTo(71);
        }
    }

    @Nested
    class Sufficiency {

        @Test
        void evidenceFromOneOccasionIsNotEnough() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 2").on(FIRST_OCCASION);

            CompletionReport report = evaluate(portfolio);

            assertThat(report.readyForSignOff()).isFalse();
            assertThat(report.missing()).containsExactly(
                    "evidence comes from 1 occasion; the unit asks for different occasions");
        }

        @Test
        void evidenceWithOneCustomerIsNotEnough() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 2").customer("customer A");

            CompletionReport report = evaluate(portfolio);

            assertThat(report.missing()).containsExactly(
                    "evidence involves 1 customer; the unit asks for different customers on different occasions");
        }

        @Test
        void customerReferencesDifferingOnlyInCaseAndSpacesAreOneCustomer() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 2").customer("  Customer a ");

            assertThat(evaluate(portfolio).missing()).containsExactly(
                    "evidence involves 1 customer; the unit asks for different customers on different occasions");
        }

        @Test
        void blankCustomerReferencesAreNoCustomer() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.evidence("observation 1").customer(" ");
            portfolio.evidence("observation 2").customer(null);

            assertThat(evaluate(portfolio).missing()).containsExactly(
                    "evidence involves no customer yet; the unit asks for different customers on different occasions");
        }

        @Test
        void simulatedEvidenceIsNotAnOccasionForPerformance() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).withoutEvidence("observation 2");
            portfolio.evidence("role play").simulated().on(FIRST_OCCASION.plusDays(3)).customer("customer B")
                    .confirms("224.1.1", "1a");

            assertThat(evaluate(portfolio).missing()).containsExactly(
                    "evidence comes from 1 occasion; the unit asks for different occasions",
                    "evidence involves 1 customer; the unit asks for different customers on different occasions");
        }

        @Test
        void knowledgeOnlyOrUnconfirmedEvidenceIsNotAnOccasionForPerformance() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).withoutEvidence("observation 2");
            portfolio.evidence("discussion").on(FIRST_OCCASION.plusDays(3)).customer("customer B").confirms("224.3.1");
            portfolio.evidence("witness statement").on(FIRST_OCCASION.plusDays(4)).customer("customer C")
                    .claims("224.1.1").rejects("1a");

            assertThat(evaluate(portfolio).missing()).containsExactly(
                    "evidence comes from 1 occasion; the unit asks for different occasions",
                    "evidence involves 1 customer; the unit asks for different customers on different occasions");
        }

        @Test
        void evidenceCoveringOnlyRangeCountsAsAnOccasion() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224).withoutEvidence("observation 2");
            portfolio.evidence("witness statement").on(FIRST_OCCASION.plusDays(4)).customer("customer C").confirms("2b");

            assertThat(evaluate(portfolio).complete()).isTrue();
        }

        @Test
        void unitAskingForThreeOccasionsWantsThreeOccasionsAndThreeCustomers() {
            Unit threeOccasions = unit224With(
                    new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE, true, 3, true));

            CompletionReport report = Completion.evaluate(threeOccasions, SnapshotBuilder.complete(threeOccasions).build());

            assertThat(report.missing()).containsExactly(
                    "evidence comes from 2 occasions; the unit asks for at least 3 occasions",
                    "evidence involves 2 customers; the unit asks for at least 3 different customers");
        }

        @Test
        void unitAskingForThreeOccasionsIsSatisfiedByThree() {
            Unit threeOccasions = unit224With(
                    new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE, true, 3, true));
            SnapshotBuilder portfolio = SnapshotBuilder.complete(threeOccasions);
            portfolio.evidence("observation 3").on(FIRST_OCCASION.plusDays(14)).customer("customer C").confirms("224.2.2");

            assertThat(Completion.evaluate(threeOccasions, portfolio.build()).complete()).isTrue();
        }

        @Test
        void oneCustomerIsEnoughWhenTheUnitDoesNotAskForDifferentCustomers() {
            Unit anyCustomer = unit224With(
                    new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE, true, 2, false));
            SnapshotBuilder portfolio = SnapshotBuilder.complete(anyCustomer);
            portfolio.evidence("observation 2").customer("customer A");

            assertThat(Completion.evaluate(anyCustomer, portfolio.build()).complete()).isTrue();
        }

        @Test
        void unitWithoutPerformanceCriteriaSkipsSufficiencyWhateverItsRules() {
            Unit rqf = TestUnits.rqfUnit();
            Unit demanding = new Unit(rqf.id(), rqf.code(), rqf.title(), rqf.level(), rqf.credits(), rqf.aims(),
                    rqf.elements(), rqf.range(),
                    new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED_FOR_PERFORMANCE, true, 3, true),
                    rqf.methods());

            CompletionReport report = Completion.evaluate(demanding, SnapshotBuilder.complete(demanding).build());

            assertThat(report.complete()).isTrue();
        }
    }

    @Nested
    class Signatures {

        @Test
        void undeclaredPortfolioIsReadyForSignOffButNotComplete() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).notDeclared());

            assertThat(report.readyForSignOff()).isTrue();
            assertThat(report.complete()).isFalse();
            assertThat(report.missing()).containsExactly("the learner has not signed the declaration");
        }

        @Test
        void unsignedUnitIsNotComplete() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).notSignedOff());

            assertThat(report.readyForSignOff()).isTrue();
            assertThat(report.complete()).isFalse();
            assertThat(report.missing()).containsExactly("no assessor has signed the unit off");
        }

        @Test
        void signOffByAnUnqualifiedAssessorAwaitsCountersignature() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).signedOffByUnqualified());

            assertThat(report.complete()).isFalse();
            assertThat(report.missing()).containsExactly("the sign-off awaits a qualified assessor's countersignature");
        }

        @Test
        void countersignedSignOffCompletesTheUnit() {
            CompletionReport report = evaluate(SnapshotBuilder.complete(UNIT_224).signedOffByUnqualified().signOffCountersigned());

            assertThat(report.complete()).isTrue();
        }
    }

    @Nested
    class CountersignatureAndReview {

        @Test
        void decisionByUnqualifiedAssessorAwaitsCountersignature() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.decision("224.1.1").byUnqualifiedAssessor();

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.AWAITING_COUNTERSIGNATURE);
            assertThat(report.criteriaMet()).isEqualTo(17);
            assertThat(report.missing()).containsExactly(
                    "224.1.1 is met by an unqualified assessor and awaits countersignature");
        }

        @Test
        void countersignedDecisionCounts() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.decision("224.1.1").byUnqualifiedAssessor().countersigned();

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.MET);
            assertThat(report.complete()).isTrue();
        }

        @Test
        void decisionOnAChangedCriterionNeedsReview() {
            SnapshotBuilder portfolio = SnapshotBuilder.complete(UNIT_224);
            portfolio.decision("224.1.1").needsReview().byUnqualifiedAssessor().countersigned();

            CompletionReport report = evaluate(portfolio);

            assertThat(status(report, "224.1.1").state()).isEqualTo(CriterionState.NEEDS_REVIEW);
            assertThat(report.criteriaMet()).isEqualTo(17);
            assertThat(report.missing()).containsExactly(
                    "224.1.1 changed in the new version of the unit; the assessor must review the decision");
        }
    }

    @Nested
    class RandomPortfolios {

        static final int CASES = 2_000;
        static final List<MappingStatus> STATUSES =
                List.of(MappingStatus.CONFIRMED, MappingStatus.CONFIRMED, MappingStatus.CLAIMED, MappingStatus.REJECTED);
        static final List<String> CUSTOMERS = java.util.Arrays.asList(null, " ", "customer A", "customer B", "customer C");
        static final List<String> TITLES = List.of("observation 1", "observation 2", "role play");

        @Test
        void reportIsConsistentForAnyPortfolio() {
            Random random = new Random(224);
            List<Unit> units = List.of(UNIT_224, TestUnits.rqfUnit(),
                    unit224With(new EvidenceRequirements(List.of(), SimulationRule.NOT_ALLOWED, true, 3, true)));
            int complete = 0;
            for (int i = 0; i < CASES; i++) {
                Unit unit = units.get(random.nextInt(units.size()));
                PortfolioSnapshot snapshot = (random.nextBoolean() ? nearlyComplete(unit, random) : anyPortfolio(unit, random))
                        .build();

                CompletionReport report = Completion.evaluate(unit, snapshot);

                assertConsistent(unit, snapshot, report, "case " + i + " on unit " + unit.code() + ", missing " + report.missing());
                complete += report.complete() ? 1 : 0;
            }
            // both sides of every implication must have been exercised
            assertThat(complete).as("complete cases").isBetween(CASES / 20, CASES - CASES / 20);
        }

        private void assertConsistent(Unit unit, PortfolioSnapshot snapshot, CompletionReport report, String context) {
            List<CriterionStatus> met = report.criteria().stream().filter(s -> s.state() == CriterionState.MET).toList();
            assertThat(report.missing().isEmpty()).as(context).isEqualTo(report.complete());
            if (report.complete()) {
                assertThat(report.readyForSignOff()).as(context).isTrue();
            }
            if (report.readyForSignOff()) {
                assertThat(met).as(context).hasSameSizeAs(report.criteria());
                assertThat(report.range()).as(context).allMatch(RangeStatus::covered);
            }
            assertThat(report.criteriaMet()).as(context).isEqualTo(met.size());
            assertThat(report.criteriaTotal()).as(context).isEqualTo(report.criteria().size())
                    .isEqualTo((int) unit.criteria().count());
            assertThat(report.range()).as(context).hasSize((int) unit.rangeItems().count())
                    .allMatch(r -> !r.covered() || r.claimed());
            for (CriterionStatus s : report.criteria()) {
                assertThat(report.missing().contains(s.explanation())).as(context + " " + s).isEqualTo(s.state() != CriterionState.MET);
            }
            assertThat(met).as(context).allMatch(s -> snapshot.decisions().stream()
                    .anyMatch(d -> d.criterionId().equals(s.criterion().id()) && d.outcome() == Outcome.MET));
            assertThat(Completion.evaluate(unit, snapshot)).as(context).isEqualTo(report);
        }

        /** A complete portfolio with up to three things changed. */
        private SnapshotBuilder nearlyComplete(Unit unit, Random random) {
            SnapshotBuilder b = SnapshotBuilder.complete(unit);
            List<String> criteria = unit.criteria().map(c -> c.code()).toList();
            List<String> codes = java.util.stream.Stream.concat(criteria.stream(), unit.rangeItems().map(r -> r.code())).toList();
            for (int changes = random.nextInt(4); changes > 0; changes--) {
                String criterion = pick(criteria, random);
                String title = pick(TITLES, random);
                switch (random.nextInt(12)) {
                    case 0 -> b.decision(criterion).notYet();
                    case 1 -> b.decision(criterion).needsReview();
                    case 2 -> {
                        var decision = b.decision(criterion).byUnqualifiedAssessor();
                        if (random.nextBoolean()) {
                            decision.countersigned();
                        }
                    }
                    case 3 -> b.withoutDecision(criterion);
                    case 4 -> b.evidence(title).mapped(pick(STATUSES, random), pick(codes, random));
                    case 5 -> b.evidence(title).unmaps(pick(codes, random));
                    case 6 -> b.evidence(title).simulated();
                    case 7 -> b.evidence(title).on(FIRST_OCCASION);
                    case 8 -> b.evidence(title).customer(pick(CUSTOMERS, random));
                    case 9 -> b.decision(criterion).reliesOn(title);
                    case 10 -> b.withoutEvidence(title);
                    default -> {
                        switch (random.nextInt(4)) {
                            case 0 -> b.notDeclared();
                            case 1 -> b.notSignedOff();
                            case 2 -> b.signedOffByUnqualified();
                            default -> b.signedOffByUnqualified().signOffCountersigned();
                        }
                    }
                }
            }
            return b;
        }

        private SnapshotBuilder anyPortfolio(Unit unit, Random random) {
            SnapshotBuilder b = SnapshotBuilder.forUnit(unit);
            List<String> codes = java.util.stream.Stream.concat(unit.criteria().map(c -> c.code()),
                    unit.rangeItems().map(r -> r.code())).toList();
            List<String> titles = new ArrayList<>();
            for (int n = random.nextInt(5); n > 0; n--) {
                String title = "evidence " + n;
                titles.add(title);
                var evidence = b.evidence(title).on(FIRST_OCCASION.plusDays(random.nextInt(3)))
                        .customer(pick(CUSTOMERS, random));
                if (random.nextInt(5) == 0) {
                    evidence.simulated();
                }
                codes.stream().filter(code -> random.nextInt(4) > 0)
                        .forEach(code -> evidence.mapped(pick(STATUSES, random), code));
            }
            unit.criteria().filter(c -> random.nextInt(5) > 0).forEach(c -> {
                var decision = b.decision(c.code());
                if (random.nextInt(6) == 0) {
                    decision.notYet();
                }
                if (random.nextInt(8) == 0) {
                    decision.byUnqualifiedAssessor();
                }
                if (random.nextInt(2) == 0) {
                    decision.countersigned();
                }
                if (random.nextInt(10) == 0) {
                    decision.needsReview();
                }
                if (!titles.isEmpty() && random.nextInt(4) == 0) {
                    decision.reliesOn(pick(titles, random));
                }
            });
            if (random.nextInt(4) > 0) {
                b.declared();
            }
            if (random.nextInt(4) > 0) {
                b.signedOff();
            }
            return b;
        }

        private static <T> T pick(List<T> from, Random random) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
