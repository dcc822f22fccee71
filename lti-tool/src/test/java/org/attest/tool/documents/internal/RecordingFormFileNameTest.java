package org.attest.tool.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The download's file name goes into a header and a file system: letters, digits and hyphens only. */
class RecordingFormFileNameTest {

    @Test
    void namesTheUnitAndTheLearner() {
        assertThat(RecordingForm.fileName("224", "Sam Student")).isEqualTo("Unit-224-Sam-Student.pdf");
    }

    @Test
    void keepsOnlySafeCharactersWhateverTheLmsCallsTheLearner() {
        assertThat(RecordingForm.fileName("224", "Zoë O'Brien\r\nSet-Cookie: a=b; \"../../x\""))
                .isEqualTo("Unit-224-Zo-O-Brien-Set-Cookie-a-b-x.pdf");
        assertThat(RecordingForm.fileName("224", "x".repeat(500))).hasSize(104).matches("[A-Za-z0-9-]+\\.pdf");
    }
}
