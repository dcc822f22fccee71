package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.attest.standards.AssessmentMethod.OBSERVATION;
import static org.attest.standards.AssessmentMethod.PROFESSIONAL_DISCUSSION;
import static org.attest.standards.AssessmentMethod.QUESTIONING;
import static org.attest.standards.AssessmentMethod.WITNESS_TESTIMONY;
import static org.attest.tool.quality.sampling.TestCandidates.ALEX;
import static org.attest.tool.quality.sampling.TestCandidates.NINA;
import static org.attest.tool.quality.sampling.TestCandidates.TOM;
import static org.attest.tool.quality.sampling.TestCandidates.afterDisagreements;
import static org.attest.tool.quality.sampling.TestCandidates.id;
import static org.attest.tool.quality.sampling.TestCandidates.unit;
import static org.attest.tool.quality.sampling.TestCandidates.units;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.quality.sampling.Proposal.Pick;
import org.junit.jupiter.api.Test;

/** The sampling rules one at a time, on small caseloads. */
class SamplingTest {

    static final Candidate.Assessor SAM = new Candidate.Assessor("a-sam", "Sam Second", false, false, 0);
    static final SamplingRules SUMMATIVE = SamplingRules.defaults(SamplingKind.SUMMATIVE);
    static final SamplingRules SUMMATIVE_UNSPREAD = SUMMATIVE.withSpread(false, false, false, false);

    static List<Candidate> concat(List<Candidate> first, List<Candidate> second) {
        List<Candidate> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static List<UUID> pickedIds(Proposal proposal) {
        return proposal.picks().stream().map(p -> p.candidate().learnerUnitId()).toList();
    }

    static Pick pickOf(Proposal proposal, int number) {
        return proposal.picks().stream().filter(p -> p.candidate().learnerUnitId().equals(id(number))).findFirst()
                .orElseThrow(() -> new AssertionError("learner unit " + number + " was not picked: " + proposal));
    }

    static long picksBy(Proposal proposal, Candidate.Assessor assessor) {
        return proposal.picks().stream().filter(p -> p.candidate().assessor().equals(assessor)).count();
    }

    @Test
    void traineeAssessorHasEverySignedOffUnitSampled() {
        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, concat(units(TOM, 1, 7), units(ALEX, 100, 20)), 42);

        assertThat(picksBy(proposal, TOM)).isEqualTo(7);
        assertThat(pickOf(proposal, 3).reasons())
                .containsExactly("Tom Trainee is a trainee assessor: every unit they sign off is sampled");
    }

    @Test
    void newAssessorHasEveryUnitSampled() {
        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, units(NINA, 1, 5), 42);

        assertThat(pickedIds(proposal)).containsExactlyInAnyOrder(id(1), id(2), id(3), id(4), id(5));
        assertThat(pickOf(proposal, 1).reasons())
                .containsExactly("Nina New is new to assessing: every unit they sign off is sampled");
    }

    @Test
    void qualifiedAssessorIsSampledAtTheBaseRateRoundedUp() {
        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, units(ALEX, 1, 45), 42);

        assertThat(proposal.picks()).hasSize(5);
        assertThat(proposal.picks()).allSatisfy(p -> assertThat(p.reasons())
                .containsExactly("random 1 in 10 of Alex Assessor's units: 5 of 45 (seed 42)"));
    }

    @Test
    void aRateOfAHundredPercentTakesEveryUnit() {
        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD.withRates(100, 100), units(ALEX, 1, 4), 42);

        assertThat(proposal.picks()).hasSize(4).allSatisfy(p -> assertThat(p.reasons())
                .containsExactly("every one of Alex Assessor's units: 4 of 4 (seed 42)"));
    }

    @Test
    void qualifiedAssessorWithFewUnitsStillHasOneSampled() {
        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, units(ALEX, 1, 3), 42);

        assertThat(proposal.picks()).hasSize(1);
    }

    @Test
    void disagreementRaisesTheAssessorsRate() {
        Candidate.Assessor alex = afterDisagreements(ALEX, 1);

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, units(alex, 1, 20), 42);

        assertThat(proposal.picks()).hasSize(10);
        assertThat(proposal.picks().get(0).reasons()).containsExactly("random 1 in 2 of Alex Assessor's units (the "
                + "raised rate after 1 disagreement in the last 6 months): 10 of 20 (seed 42)");
    }

    /** Ten units with the rate met by one already in the sample, so only the method rule can pick more. */
    static List<Candidate> rateAlreadyMet(Candidate... others) {
        List<Candidate> caseload = new ArrayList<>(List.of(unit(1).sampledBefore(SamplingKind.SUMMATIVE).build()));
        caseload.addAll(units(ALEX, 2, 10 - others.length - 1));
        caseload.addAll(List.of(others));
        return caseload;
    }

    @Test
    void theOnlyUnitWithAMethodIsPickedAndSaysSo() {
        List<Candidate> caseload = rateAlreadyMet(unit(10).methods(PROFESSIONAL_DISCUSSION).build());

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, caseload, 42);

        assertThat(proposal.picks()).singleElement().isEqualTo(new Pick(caseload.get(9),
                List.of("the only unit with Professional discussion for Alex Assessor")));
    }

    @Test
    void aMethodSeveralUnitsShowIsCoveredByOneOfThem() {
        List<Candidate> caseload = rateAlreadyMet(unit(9).methods(WITNESS_TESTIMONY).build(),
                unit(10).methods(WITNESS_TESTIMONY, QUESTIONING).build());

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, caseload, 42);

        assertThat(pickedIds(proposal)).containsExactly(id(10));
        assertThat(pickOf(proposal, 10).reasons()).containsExactly(
                "the only unit with Questioning for Alex Assessor",
                "shows Witness testimony, not yet in Alex Assessor's sample");
    }

    @Test
    void aRequiredMethodNoUnitUsesIsReportedAsUnmet() {
        SamplingRules rules = SUMMATIVE_UNSPREAD.withRequiredMethods(Set.of(OBSERVATION, PROFESSIONAL_DISCUSSION));
        List<Candidate> caseload = List.of(unit(1).by(TOM).methods(PROFESSIONAL_DISCUSSION).build(),
                unit(2).by(ALEX).methods(OBSERVATION, PROFESSIONAL_DISCUSSION).build());

        Proposal proposal = Sampling.propose(rules, caseload, 42);

        assertThat(proposal.unmet()).containsExactly("no unit assessed by Observation for Tom Trainee yet");
    }

    @Test
    void everyEmployerSiteAndStartQuarterHasALearnerInTheSample() {
        List<Candidate> caseload = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            caseload.add(unit(i).employer("Acme").site("Leeds").build());
        }
        // Sam's rate is met by a unit already in the sample, so only the spread can pick Sam's other units
        caseload.add(unit(21).by(SAM).employer("Bolt Ltd").site("Leeds").build());
        caseload.add(unit(22).by(SAM).employer("Acme").site("York").build());
        caseload.add(unit(23).by(SAM).employer("Acme").site("Leeds").started(LocalDate.of(2025, 9, 1)).build());
        caseload.add(unit(24).by(SAM).employer("Acme").site("Leeds").sampledBefore(SamplingKind.SUMMATIVE).build());

        Proposal proposal = Sampling.propose(SUMMATIVE, caseload, 42);

        assertThat(pickOf(proposal, 21).reasons()).containsExactly("first learner from employer Bolt Ltd");
        assertThat(pickOf(proposal, 22).reasons()).containsExactly("first learner at site York");
        assertThat(pickOf(proposal, 23).reasons()).containsExactly("first learner who started in 2025 Q3");
    }

    @Test
    void everyUnitAnAssessorsLearnersAreOnHasOneInTheSample() {
        List<Candidate> caseload = rateAlreadyMet(unit(10).unitCode("201").build());

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD.withSpread(true, false, false, false), caseload, 42);

        assertThat(proposal.picks()).singleElement().isEqualTo(new Pick(caseload.get(9),
                List.of("first of Alex Assessor's learners on Unit 201")));
    }

    @Test
    void candidatesWithoutEmployerOrSiteFormOneGroup() {
        Proposal proposal = Sampling.propose(SUMMATIVE, units(ALEX, 1, 10), 42);

        assertThat(proposal.picks()).hasSize(1);
    }

    @Test
    void theGroupWithoutEmployerHasALearnerInTheSampleToo() {
        List<Candidate> caseload = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            caseload.add(unit(i).employer("Acme").build());
        }
        caseload.add(unit(21).by(SAM).build());
        caseload.add(unit(22).by(SAM).employer("Acme").sampledBefore(SamplingKind.SUMMATIVE).build());

        Proposal proposal = Sampling.propose(SUMMATIVE, caseload, 42);

        assertThat(pickOf(proposal, 21).reasons()).containsExactly("first learner with no employer recorded");
    }

    @Test
    void summativeSamplingPicksOnlySignedOffUnits() {
        List<Candidate> caseload = List.of(unit(1).by(TOM).build(), unit(2).by(TOM).inProgress().build());

        Proposal proposal = Sampling.propose(SUMMATIVE, caseload, 42);

        assertThat(pickedIds(proposal)).containsExactly(id(1));
    }

    @Test
    void interimSamplingPicksOnlyUnitsInProgress() {
        List<Candidate> caseload = List.of(unit(1).by(TOM).build(), unit(2).by(TOM).inProgress().build());

        Proposal proposal = Sampling.propose(SamplingRules.defaults(SamplingKind.INTERIM), caseload, 42);

        assertThat(pickedIds(proposal)).containsExactly(id(2));
        assertThat(pickOf(proposal, 2).reasons())
                .containsExactly("Tom Trainee is a trainee assessor: every unit they are assessing is sampled");
    }

    @Test
    void unitsAlreadyInTheSampleCountTowardsTheRateAndAreNotProposedAgain() {
        List<Candidate> caseload = concat(units(ALEX, 1, 19),
                List.of(unit(20).sampledBefore(SamplingKind.SUMMATIVE).build()));

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, caseload, 42);

        assertThat(proposal.alreadyInSample()).containsExactly(id(20));
        assertThat(proposal.picks()).singleElement().satisfies(p -> assertThat(p.reasons())
                .containsExactly("random 1 in 10 of Alex Assessor's units: 2 of 20, 1 of them already sampled (seed 42)"));
        assertThat(proposal.sampledIds()).hasSize(2).contains(id(20));
    }

    @Test
    void unitsSampledInTheInterimAreDrawnAfterThoseNeverSampled() {
        List<Candidate> caseload = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            caseload.add(unit(i).sampledBefore(SamplingKind.INTERIM).build());
        }
        caseload.add(unit(10).build());

        Proposal proposal = Sampling.propose(SUMMATIVE_UNSPREAD, caseload, 42);

        assertThat(pickedIds(proposal)).containsExactly(id(10));
    }

    @Test
    void sameSeedGivesTheSameSampleWhateverTheInputOrder() {
        List<Candidate> caseload = concat(units(ALEX, 1, 100), units(TOM, 200, 5));
        List<Candidate> shuffled = new ArrayList<>(caseload);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(Sampling.propose(SUMMATIVE, shuffled, 42)).isEqualTo(Sampling.propose(SUMMATIVE, caseload, 42));
    }

    @Test
    void anotherSeedDrawsAnotherSample() {
        List<Candidate> caseload = units(ALEX, 1, 100);

        assertThat(pickedIds(Sampling.propose(SUMMATIVE, caseload, 1)))
                .isNotEqualTo(pickedIds(Sampling.propose(SUMMATIVE, caseload, 2)));
    }

    @Test
    void oneAssessorsDrawDoesNotDependOnAnothersUnits() {
        List<Candidate> alexAlone = units(ALEX, 1, 100);

        Proposal alone = Sampling.propose(SUMMATIVE_UNSPREAD, alexAlone, 42);
        Proposal withSam = Sampling.propose(SUMMATIVE_UNSPREAD, concat(alexAlone, units(SAM, 500, 60)), 42);

        assertThat(picksBy(withSam, ALEX)).isEqualTo(10);
        assertThat(withSam.picks()).filteredOn(p -> p.candidate().assessor().equals(ALEX))
                .isEqualTo(alone.picks());
    }

    @Test
    void aLearnerUnitTwiceInTheCaseloadIsRefused() {
        List<Candidate> caseload = List.of(unit(1).build(), unit(1).build());

        assertThatThrownBy(() -> Sampling.propose(SUMMATIVE, caseload, 42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learner unit " + id(1) + " (Learner 1, Unit 224) appears twice in the caseload: "
                        + "pass each learner unit once");
    }

    @Test
    void nothingAtTheStageIsReportedAsUnmet() {
        Proposal proposal = Sampling.propose(SUMMATIVE, List.of(unit(1).inProgress().build()), 42);

        assertThat(proposal.picks()).isEmpty();
        assertThat(proposal.unmet()).containsExactly("no learner units signed off to sample yet");
    }
}
