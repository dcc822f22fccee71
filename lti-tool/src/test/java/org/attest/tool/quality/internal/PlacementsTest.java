package org.attest.tool.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlacementsTest {

    @Test
    void aNameKeepsItsLettersAndLosesControlAndInvisibleCharactersWithSpacesMadeOne() {
        assertThat(Placements.clean("  Greggs,\tLeeds\r\nKirkgate ")).isEqualTo("Greggs, Leeds Kirkgate");
        assertThat(Placements.clean("Co-op\u0000\u0007 Food\u202E\u200B")).isEqualTo("Co-op Food");
        assertThat(Placements.clean("Café Nero\u00A0Ltd")).isEqualTo("Café Nero Ltd");
        assertThat(Placements.clean(null)).isEmpty();
    }

    @Test
    void anEnteredNameIsNullWhenBlankAndRefusedWhenLongerThan200() {
        assertThat(Placements.entered(" \t ", "employer")).isNull();
        assertThat(Placements.entered("x".repeat(200), "employer")).hasSize(200);
        assertThatThrownBy(() -> Placements.entered("x".repeat(201), "assessment site"))
                .isInstanceOf(QualityRefused.class)
                .hasMessageStartingWith("the assessment site is 201 characters long; write at most 200");
    }
}
