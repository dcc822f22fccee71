package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.quality.sampling.Candidate.Assessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of every proposal over 500 random caseloads and rules ({@link RandomCaseloads}); a failure names the
 * caseload number, which rebuilds it exactly. Plain JUnit Jupiter parameterised tests: no tag, so the PostgreSQL
 * execution of surefire (tag {@code database}) does not run them a second time.
 */
class SamplingPropertiesTest {

    static LongStream caseloads() {
        return LongStream.range(0, 500);
    }

    static Map<Assessor, List<Candidate>> byAssessor(List<Candidate> candidates) {
        return candidates.stream().collect(Collectors.groupingBy(Candidate::assessor));
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void traineeAndNewAssessorsHaveEveryUnitAtTheStageSampled(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Set<UUID> sampled = caseload.propose().sampledIds();

        assertThat(caseload.eligible()).filteredOn(c -> c.assessor().trainee() || c.assessor().newToAssessing())
                .allSatisfy(c -> assertThat(sampled).contains(c.learnerUnitId()));
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void everyQualifiedAssessorWithUnitsHasAtLeastOneAndTheirRateRoundedUp(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Set<UUID> sampled = caseload.propose().sampledIds();

        byAssessor(caseload.eligible()).forEach((assessor, units) -> {
            long inSample = units.stream().filter(c -> sampled.contains(c.learnerUnitId())).count();
            int rate = assessor.recentDisagreements() > 0 ? caseload.rules().raisedRatePercent()
                    : caseload.rules().baseRatePercent();
            long atLeast = Math.max(1, (long) Math.ceil(rate * units.size() / 100.0));
            assertThat(inSample).as("%s: %d %% of %d units", assessor.name(), rate, units.size())
                    .isGreaterThanOrEqualTo(atLeast);
        });
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void theSameSeedGivesTheSameSampleWhateverTheInputOrder(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        List<Candidate> shuffled = new ArrayList<>(caseload.candidates());
        Collections.shuffle(shuffled, new Random(number + 1));

        assertThat(Sampling.propose(caseload.rules(), shuffled, caseload.seed())).isEqualTo(caseload.propose());
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void theMatrixIsTheSameWhateverTheInputOrder(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Set<UUID> sampled = caseload.propose().sampledIds();
        List<Candidate> shuffled = new ArrayList<>(caseload.candidates());
        Collections.shuffle(shuffled, new Random(number + 1));

        assertThat(SamplingMatrix.of(shuffled, sampled)).isEqualTo(SamplingMatrix.of(caseload.candidates(), sampled));
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void everyPickIsExplained(long number) {
        Proposal proposal = RandomCaseloads.number(number).propose();

        assertThat(proposal.picks()).allSatisfy(p -> assertThat(p.reasons()).isNotEmpty()
                .allSatisfy(reason -> assertThat(reason).isNotBlank()));
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void everyMethodOfAnAssessorsUnitsIsInTheirSampleAndEveryRequiredOneThereOrInTheGaps(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Proposal proposal = caseload.propose();
        Set<UUID> sampled = proposal.sampledIds();

        byAssessor(caseload.eligible()).forEach((assessor, units) -> {
            Set<AssessmentMethod> used = methods(units, c -> true, sampled);
            Set<AssessmentMethod> shown = methods(units, c -> sampled.contains(c.learnerUnitId()), sampled);
            assertThat(shown).as(assessor.name()).containsAll(used);
            caseload.rules().requiredMethods().stream().filter(m -> !used.contains(m)).forEach(m -> assertThat(
                    proposal.unmet()).contains("no unit assessed by " + m.label() + " for " + assessor.name() + " yet"));
        });
        assertThat(SamplingMatrix.of(caseload.eligible(), sampled).gaps()).noneMatch(gap -> gap.startsWith("no "));
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void aPickIsAlwaysAtTheStageOfTheSamplingAndNotAlreadyInTheSample(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);

        assertThat(caseload.propose().picks()).allSatisfy(p -> {
            assertThat(p.candidate().stage()).isEqualTo(caseload.rules().kind().stage());
            assertThat(p.candidate().sampledBefore()).doesNotContain(caseload.rules().kind());
        });
    }

    @ParameterizedTest(name = "caseload {0}")
    @MethodSource("caseloads")
    void everyAssessorsUnitEmployerSiteAndStartQuarterAskedForHasALearnerInTheSample(long number) {
        RandomCaseloads caseload = RandomCaseloads.number(number);
        Set<UUID> sampled = caseload.propose().sampledIds();
        SamplingRules rules = caseload.rules();

        if (rules.spreadAcrossUnits()) {
            assertEveryGroupSampled(caseload.eligible(), c -> c.assessor().id() + " " + c.unitCode(), sampled);
            assertThat(SamplingMatrix.of(caseload.eligible(), sampled).gaps()).noneMatch(gap -> gap.contains("nothing"));
        }
        if (rules.spreadAcrossEmployers()) {
            assertEveryGroupSampled(caseload.eligible(), c -> String.valueOf(c.employer()), sampled);
        }
        if (rules.spreadAcrossSites()) {
            assertEveryGroupSampled(caseload.eligible(), c -> String.valueOf(c.site()), sampled);
        }
        if (rules.spreadAcrossStartDates()) {
            assertEveryGroupSampled(caseload.eligible(), SamplingWords::startQuarter, sampled);
        }
    }

    private static void assertEveryGroupSampled(List<Candidate> eligible, Function<Candidate, String> group,
            Set<UUID> sampled) {
        eligible.stream().collect(Collectors.groupingBy(group)).forEach((key, members) -> assertThat(members)
                .as("group %s", key).anyMatch(c -> sampled.contains(c.learnerUnitId())));
    }

    private static Set<AssessmentMethod> methods(List<Candidate> units, Predicate<Candidate> which,
            Set<UUID> sampled) {
        Set<AssessmentMethod> methods = EnumSet.noneOf(AssessmentMethod.class);
        units.stream().filter(which).forEach(c -> methods.addAll(c.methods()));
        return methods;
    }
}
