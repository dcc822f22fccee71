package org.attest.tool.quality.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attest.standards.AssessmentMethod;
import org.junit.jupiter.api.Test;

class SamplingRulesTest {

    @Test
    void defaultsSampleOneInTenAndHalfForSixMonthsAfterADisagreement() {
        SamplingRules rules = SamplingRules.defaults(SamplingKind.SUMMATIVE);

        assertThat(rules.baseRatePercent()).isEqualTo(10);
        assertThat(rules.raisedRatePercent()).isEqualTo(50);
        assertThat(rules.raisedForMonths()).isEqualTo(6);
        assertThat(rules.requiredMethods()).isEmpty();
        assertThat(rules.spreadAcrossUnits() && rules.spreadAcrossEmployers() && rules.spreadAcrossSites()
                && rules.spreadAcrossStartDates()).isTrue();
    }

    @Test
    void everyActionPlanMethodOf004IsRequiredWhenAsked() {
        List<String> actionPlan = List.of("Direct /e-Observation", "Projects and assignments", "Oral questioning",
                "Professional discussion", "Witness testimony", "Portfolio evidence", "Case study",
                "Supplementary evidence", "Written questions", "Accredited prior achievement", "Work products");

        Set<AssessmentMethod> required = SamplingRules.defaults(SamplingKind.INTERIM).requiringEveryActionPlanMethod()
                .requiredMethods();

        assertThat(actionPlan).allSatisfy(name -> assertThat(AssessmentMethod.fromName(name))
                .get().satisfies(m -> assertThat(required).contains(m)));
        assertThat(actionPlan.stream().map(AssessmentMethod::fromName).map(Optional::orElseThrow).distinct())
                .hasSize(required.size());
    }

    @Test
    void baseRateOutsideOneToAHundredIsRefused() {
        SamplingRules rules = SamplingRules.defaults(SamplingKind.SUMMATIVE);

        assertThatThrownBy(() -> rules.withRates(0, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base rate 0 % is out of range: give a whole percentage from 1 to 100");
        assertThatThrownBy(() -> rules.withRates(101, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base rate 101 % is out of range: give a whole percentage from 1 to 100");
    }

    @Test
    void raisedRateBelowTheBaseRateIsRefused() {
        SamplingRules rules = SamplingRules.defaults(SamplingKind.SUMMATIVE);

        assertThatThrownBy(() -> rules.withRates(20, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("raised rate 10 % is out of range: give a whole percentage from the base rate (20 %) to 100");
    }

    @Test
    void raisedPeriodOutsideOneToSixtyMonthsIsRefused() {
        assertThatThrownBy(() -> new SamplingRules(SamplingKind.SUMMATIVE, 10, 50, 0, Set.of(), true, true, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a disagreement raising the rate for 0 months is out of range: give 1 to 60 months");
    }

    @Test
    void rulesWithoutAKindAreRefused() {
        assertThatThrownBy(() -> new SamplingRules(null, 10, 50, 6, Set.of(), true, true, true, true))
                .isInstanceOf(NullPointerException.class).hasMessage("say whether the sample is interim or summative");
    }

    @Test
    void aNegativeDisagreementCountIsRefused() {
        assertThatThrownBy(() -> new Candidate.Assessor("a-1", "Alex Assessor", false, false, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("assessor Alex Assessor has -1 disagreements: count zero or more");
    }
}
