package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.quality.sampling.TestCandidates.ALEX;
import static org.attest.tool.quality.sampling.TestCandidates.id;
import static org.attest.tool.quality.sampling.TestCandidates.unit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.attest.tool.quality.sampling.SamplingSpread.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SamplingSpreadTest {

    /** Greggs in Leeds (two learners, one with two units), Co-op in Bradford, and one learner nobody placed. */
    static final List<Candidate> CASELOAD = List.of(
            unit(1).employer("Greggs").site("Leeds").build(),
            unit(2).employer("Greggs").site("Leeds").build(),
            new Candidate(id(3), "learner-1", "Learner 1", "course-1", "Customer service L2", "201", ALEX, Set.of(),
                    "Greggs", "Leeds", null, Candidate.Stage.SIGNED_OFF, Set.of()),
            unit(4).employer("Co-op Food").site("Bradford").build(),
            unit(5).build());

    @Test
    void eachEmployerAndSiteCountsItsLearnersOnceAndHowManyTheSampleTakes() {
        SamplingSpread spread = SamplingSpread.of(CASELOAD, Set.of(id(1), id(3)));

        assertThat(spread.employers()).containsExactly(new Line("Co-op Food", true, 1, 0), new Line("Greggs", true, 2, 1),
                new Line(SamplingSpread.NOT_RECORDED, false, 1, 0));
        assertThat(spread.sites()).containsExactly(new Line("Bradford", true, 1, 0), new Line("Leeds", true, 2, 1),
                new Line(SamplingSpread.NOT_RECORDED, false, 1, 0));
        assertThat(spread.gaps()).containsExactly("no learner from employer Co-op Food sampled yet",
                "no learner without an employer recorded sampled yet", "no learner at site Bradford sampled yet",
                "no learner without an assessment site recorded sampled yet");
    }

    @Test
    void aCaseloadOfPlacedLearnersHasNoNotRecordedLine() {
        SamplingSpread spread = SamplingSpread.of(CASELOAD.subList(0, 4), Set.of(id(2), id(4)));

        assertThat(spread.employers()).extracting(Line::name).containsExactly("Co-op Food", "Greggs");
        assertThat(spread.gaps()).isEmpty();
    }

    @Test
    void aProposalOverTwoEmployersTakesALearnerFromEachAndSaysWhy() {
        List<Candidate> caseload = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            caseload.add(unit(i).employer(i <= 9 ? "Greggs" : "Co-op Food").site("Leeds").build());
        }
        Proposal proposal = Sampling.propose(SamplingRules.defaults(SamplingKind.SUMMATIVE), caseload, 7);

        assertThat(proposal.picks()).hasSize(2);
        assertThat(proposal.picks()).filteredOn(p -> p.candidate().learnerUnitId().equals(id(10))).singleElement()
                .satisfies(p -> assertThat(p.reasons()).containsExactly("first learner from employer Co-op Food"));
        assertThat(SamplingSpread.of(caseload, proposal.sampledIds()).gaps()).isEmpty();
    }

    static LongStream caseloads() {
        return LongStream.range(0, 500);
    }

    /** Property: a proposal whose rules spread across employers and sites leaves no employer or site gap. */
    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void aProposalSpreadAcrossEmployersAndSitesLeavesTheSpreadWithoutGaps(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Set<UUID> sampled = caseload.propose().sampledIds();
        SamplingSpread spread = SamplingSpread.of(caseload.eligible(), sampled);

        if (caseload.rules().spreadAcrossEmployers()) {
            assertThat(spread.employers()).allMatch(Line::covered);
        }
        if (caseload.rules().spreadAcrossSites()) {
            assertThat(spread.sites()).allMatch(Line::covered);
        }
        assertThat(spread.employers().stream().mapToInt(Line::learners).sum())
                .isEqualTo(caseload.eligible().stream().map(Candidate::learnerId).distinct().count());
        assertThat(spread.employers()).allMatch(l -> l.sampled() <= l.learners());
    }
}
