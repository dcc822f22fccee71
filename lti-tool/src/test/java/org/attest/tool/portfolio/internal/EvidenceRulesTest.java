package org.attest.tool.portfolio.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.PortfolioRefused;
import org.junit.jupiter.api.Test;

/** What a learner's evidence form must hold before anything is stored. */
class EvidenceRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 4);

    @Test
    void acceptsACompleteRecordOfAnOccasionToday() {
        EvidenceInput in = new EvidenceInput("Handled a complaint", "What happened", TODAY,
                Set.of(AssessmentMethod.PORTFOLIO_EVIDENCE), "Customer 14", null, false, null, null);

        assertThat(EvidenceRules.check(in, TODAY)).isSameAs(in);
    }

    @Test
    void namesEveryProblemWithTheFormAtOnce() {
        Evidence.Witness unsigned = new Evidence.Witness("Wendy Witness", null, 7, null, "Wendy Witness", null);
        EvidenceInput in = new EvidenceInput(" ", null, TODAY.plusDays(1), Set.of(), "c".repeat(201), null, false, null,
                unsigned);

        assertThatThrownBy(() -> EvidenceRules.check(in, TODAY)).isInstanceOf(PortfolioRefused.class)
                .hasMessage("give the evidence a title; the occasion date 2026-03-05 is in the future; choose at least one "
                        + "assessment method; the witness status must be a category from 1 to 5; a witness signs with both "
                        + "their typed name and the date; the customer reference is longer than 200 characters");
    }
}
