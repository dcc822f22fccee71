package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.standards.AssessmentMethod.OBSERVATION;
import static org.attest.standards.AssessmentMethod.PROFESSIONAL_DISCUSSION;
import static org.attest.tool.quality.sampling.TestCandidates.ALEX;
import static org.attest.tool.quality.sampling.TestCandidates.NINA;
import static org.attest.tool.quality.sampling.TestCandidates.TOM;

import java.time.LocalDate;
import java.util.List;
import org.attest.tool.quality.sampling.ObservationCoverage.Observed;
import org.attest.tool.quality.sampling.ObservationCoverage.Row;
import org.junit.jupiter.api.Test;

class ObservationCoverageTest {

    static final LocalDate TODAY = LocalDate.of(2027, 3, 20);

    @Test
    void aTraineeOrNewAssessorNotObservedInThePlanIsAGapInWords() {
        ObservationCoverage coverage = ObservationCoverage.of(List.of(TOM, NINA), List.of(), TODAY);

        assertThat(coverage.rows()).extracting(Row::assessor, Row::standing, Row::status, Row::gap).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Nina New", "new to assessing", "not observed in this plan yet", true),
                org.assertj.core.groups.Tuple.tuple("Tom Trainee", "trainee assessor", "not observed in this plan yet", true));
        assertThat(coverage.gaps()).containsExactly("Nina New is new to assessing: not observed in this plan yet",
                "Tom Trainee is a trainee assessor: not observed in this plan yet");
    }

    @Test
    void anObservationInThePlanShowsItsDateMethodAndOutcomeAndClosesTheGap() {
        ObservationCoverage coverage = ObservationCoverage.of(List.of(TOM),
                List.of(new Observed(TOM.id(), LocalDate.of(2027, 3, 12), OBSERVATION, true, true)), TODAY);

        assertThat(coverage.rows()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("observed 12 March 2027 (Observation, meets the standard)");
            assertThat(row.gap()).isFalse();
        });
        assertThat(coverage.gaps()).isEmpty();
    }

    @Test
    void anObservationOfAnotherPlanDoesNotCountForATraineeButIsMentioned() {
        ObservationCoverage coverage = ObservationCoverage.of(List.of(TOM),
                List.of(new Observed(TOM.id(), LocalDate.of(2026, 11, 2), PROFESSIONAL_DISCUSSION, true, false)), TODAY);

        assertThat(coverage.rows().get(0).status()).isEqualTo(
                "not observed in this plan yet; last observed 2 November 2026 (Professional discussion, meets the standard)");
        assertThat(coverage.gaps()).containsExactly("Tom Trainee is a trainee assessor: not observed in this plan yet");
    }

    @Test
    void aQualifiedAssessorIsAGapOnlyWhenNotObservedInTheLastTwelveMonths() {
        Observed lastSpring = new Observed(ALEX.id(), LocalDate.of(2026, 4, 1), OBSERVATION, true, false);
        Observed twoYearsAgo = new Observed(ALEX.id(), LocalDate.of(2025, 3, 1), OBSERVATION, true, false);

        assertThat(ObservationCoverage.of(List.of(ALEX), List.of(lastSpring), TODAY).gaps()).isEmpty();
        assertThat(ObservationCoverage.of(List.of(ALEX), List.of(twoYearsAgo), TODAY).gaps())
                .containsExactly("Alex Assessor: not observed in the last 12 months");
        assertThat(ObservationCoverage.of(List.of(ALEX), List.of(), TODAY).rows().get(0).status())
                .isEqualTo("not observed in this plan yet");
    }

    @Test
    void developmentNeededAtTheLastObservationAsksForAnotherEvenWhenObservedInThePlan() {
        ObservationCoverage coverage = ObservationCoverage.of(List.of(TOM),
                List.of(new Observed(TOM.id(), LocalDate.of(2027, 3, 12), OBSERVATION, false, true)), TODAY);

        assertThat(coverage.rows().get(0).status()).isEqualTo("observed 12 March 2027 (Observation, development needed)");
        assertThat(coverage.gaps()).containsExactly("Tom Trainee: development needed at the observation of 12 March 2027; "
                + "observe again");
    }

    @Test
    void everyObservationInThePlanIsListedOldestFirstAndTheInputOrderChangesNothing() {
        Observed march = new Observed(TOM.id(), LocalDate.of(2027, 3, 12), OBSERVATION, true, true);
        Observed january = new Observed(TOM.id(), LocalDate.of(2027, 1, 8), PROFESSIONAL_DISCUSSION, false, true);

        ObservationCoverage one = ObservationCoverage.of(List.of(TOM, ALEX), List.of(march, january), TODAY);
        ObservationCoverage other = ObservationCoverage.of(List.of(ALEX, TOM), List.of(january, march), TODAY);

        assertThat(one).isEqualTo(other);
        assertThat(one.rows().get(1).status()).isEqualTo("observed 8 January 2027 (Professional discussion, "
                + "development needed); 12 March 2027 (Observation, meets the standard)");
        assertThat(one.gaps()).containsExactly("Alex Assessor: not observed in the last 12 months");
    }
}
