package org.attest.tool.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UlnsAndCsvTest {

    @Test
    void aUlnIsTenDigitsNotStartingWithZeroWhoseWeightedSumLeavesTenModuloEleven() {
        assertThat(Ulns.valid("9276308686")).as("the Learning Records Service's example").isTrue();
        assertThat(Ulns.valid("9276308687")).as("a mistyped last digit").isFalse();
        assertThat(Ulns.valid("2976308686")).as("two digits swapped").isFalse();
        assertThat(Ulns.valid("0276308686")).as("a leading zero").isFalse();
        assertThat(Ulns.valid("927630868")).as("nine digits").isFalse();
        assertThat(Ulns.valid("92763086866")).as("eleven digits").isFalse();
        assertThat(Ulns.valid("92763O8686")).as("a letter O").isFalse();
        assertThat(Ulns.valid(null)).isFalse();
    }

    @Test
    void aCsvCellIsQuotedAndAFormulaIsDefused() {
        assertThat(ClaimReadiness.cell("Sam \"the man\" Student")).isEqualTo("\"Sam \"\"the man\"\" Student\"");
        assertThat(ClaimReadiness.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(ClaimReadiness.cell("+44 113")).isEqualTo("\"'+44 113\"");
        assertThat(ClaimReadiness.cell("@SUM(A1)")).startsWith("\"'@");
        assertThat(ClaimReadiness.cell(null)).isEqualTo("\"\"");
    }
}
