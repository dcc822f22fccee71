package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.standards.AssessmentMethod.OBSERVATION;
import static org.attest.standards.AssessmentMethod.PROFESSIONAL_DISCUSSION;
import static org.attest.standards.AssessmentMethod.WITNESS_TESTIMONY;
import static org.attest.tool.quality.sampling.TestCandidates.ALEX;
import static org.attest.tool.quality.sampling.TestCandidates.TOM;
import static org.attest.tool.quality.sampling.TestCandidates.id;
import static org.attest.tool.quality.sampling.TestCandidates.unit;

import java.util.List;
import java.util.Set;
import org.attest.tool.quality.sampling.SamplingMatrix.Cell;
import org.attest.tool.quality.sampling.SamplingMatrix.Row;
import org.junit.jupiter.api.Test;

class SamplingMatrixTest {

    /** Tom: three Unit 224s (one with PD) and a Unit 201; Alex: two Unit 224s with witness testimony. */
    static final List<Candidate> CASELOAD = List.of(
            unit(1).by(TOM).build(),
            unit(2).by(TOM).build(),
            unit(3).by(TOM).methods(OBSERVATION, PROFESSIONAL_DISCUSSION).build(),
            unit(4).by(TOM).unitCode("201").build(),
            unit(5).by(ALEX).methods(WITNESS_TESTIMONY).build(),
            unit(6).by(ALEX).methods(WITNESS_TESTIMONY).build());

    @Test
    void columnsAreTheMethodsInUseInTheAwardingBodysOrder() {
        SamplingMatrix matrix = SamplingMatrix.of(CASELOAD, Set.of());

        assertThat(matrix.methodColumns()).containsExactly("Observation", "Witness testimony", "Professional discussion");
    }

    @Test
    void rowsGoByAssessorNameThenUnitNumberWithTheAssessorSpanningTheirRows() {
        SamplingMatrix matrix = SamplingMatrix.of(CASELOAD, Set.of(id(1)));

        assertThat(matrix.rows()).extracting(Row::assessor, Row::assessorRowSpan, Row::unit, Row::units, Row::sampled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Alex Assessor", 1, "Unit 224", "2", "0"),
                        org.assertj.core.groups.Tuple.tuple("Tom Trainee", 2, "Unit 201", "1", "0"),
                        org.assertj.core.groups.Tuple.tuple("Tom Trainee", 0, "Unit 224", "3", "1"));
    }

    @Test
    void aCellCountsTheSampledUnitsShowingTheMethodOfThoseUsingIt() {
        SamplingMatrix matrix = SamplingMatrix.of(CASELOAD, Set.of(id(1), id(2)));

        Row tom224 = matrix.rows().get(2);
        assertThat(tom224.cells()).containsExactly(
                new Cell("2 of 3", "covered", "Observation: 2 of 3 units sampled"),
                new Cell("–", "unused", "Witness testimony: not used"),
                new Cell("0 of 1", "gap", "Professional discussion: 0 of 1 unit sampled"));
    }

    @Test
    void gapsSayWhichMethodAndWhichUnitNothingIsSampledForPerAssessor() {
        SamplingMatrix matrix = SamplingMatrix.of(CASELOAD, Set.of(id(1), id(5)));

        assertThat(matrix.gaps()).containsExactly(
                "no Professional discussion sampled for Tom Trainee yet",
                "Unit 201: nothing of Tom Trainee's sampled");
        assertThat(matrix.rows().get(1).gaps()).containsExactly("Unit 201: nothing of Tom Trainee's sampled");
    }

    @Test
    void aFullyCoveredSampleHasNoGaps() {
        SamplingMatrix matrix = SamplingMatrix.of(CASELOAD, Set.of(id(3), id(4), id(6)));

        assertThat(matrix.gaps()).isEmpty();
    }

    @Test
    void unitCodesSortAsNumbersBeforeOtherCodes() {
        assertThat(List.of("H/601", "224", "10", "9").stream().sorted(SamplingMatrix::compareUnitCodes))
                .containsExactly("9", "10", "224", "H/601");
    }
}
