package org.attest.standards.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.attest.standards.Framework;
import org.attest.standards.ImportResult;
import org.attest.standards.ImportWarning;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.write.CaseJsonWriter;
import org.junit.jupiter.api.Test;

/** Inputs that once broke a reader, each pinned to the behaviour it must have. */
class ReaderRegressionTest {

    static ImportResult read(String name, String text) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void criterionContinuesAfterTheUnitHeaderRepeatedAtAPageBreak() throws Exception {
        Unit unit = read("224.txt", """
                UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)
                SUPPORT CUSTOMERS USING ONLINE CUSTOMER SERVICES
                What you must do
                224.1.1 ensure that you are up to date with the online
                UNIT 224 (LEVEL 2 UNIT, 5 CREDITS)
                SUPPORT CUSTOMERS USING ONLINE CUSTOMER SERVICES
                services that your customers use
                224.1.2 identify what the customer is trying to achieve
                """).framework().units().get(0);

        assertThat(unit.criterion("224.1.1").orElseThrow().statement())
                .isEqualTo("ensure that you are up to date with the online services that your customers use");
        assertThat(unit.title()).isEqualTo("Support customers using online customer services");
    }

    @Test
    void rangeInATableWithNumberAndTextInSeparateCellsIsRead() throws Exception {
        Unit unit = read("224.txt", "What you must cover\n1\tYou must provide evidence of supporting customers who are:\n"
                + "a\tnew to the use of online services\nb\tfamiliar with them.\nWhat you must do\n224.1.1\tensure x\n")
                .framework().units().get(0);

        assertThat(unit.rangeItems().map(r -> r.code() + " " + r.statement()).toList())
                .containsExactly("1a new to the use of online services", "1b familiar with them.");
    }

    @Test
    void thousandsOfBulletsOnOneLineDoNotOverflowTheStack() {
        String bullets = "- ".repeat(5000);

        assertThatThrownBy(() -> read("bullets.txt", bullets)).isInstanceOf(StandardsImportException.class);
    }

    @Test
    void anAbsurdNumberOfOccasionsIsNotARule() throws Exception {
        Unit unit = read("224.txt", "What you must do\n224.1.1 x\nYou should note\n1 at least 99999999999 occasions\n")
                .framework().units().get(0);

        assertThat(unit.evidence().minimumOccasions()).isEqualTo(1);
    }

    @Test
    void aCodeWithoutAStatementIsSkippedWithAWarning() throws Exception {
        ImportResult result = read("224.txt", "What you must do\n224.1.1 ensure something\n224.1.2\n");

        assertThat(result.framework().units().get(0).criteria().map(c -> c.code()).toList()).containsExactly("224.1.1");
        assertThat(result.warnings()).extracting(ImportWarning::code).contains("CRITERION_WITHOUT_STATEMENT");
    }

    @Test
    void caseValuesOfTheWrongJsonTypeAreIgnoredNotFatal() throws Exception {
        Framework forms = StandardsImporter.read(new SourceDocument("004.txt", Samples.RECORDING_FORMS.bytes())).framework();
        String json = CaseJsonWriter.write(forms, Instant.parse("2026-01-01T00:00:00Z"))
                .replaceFirst("\"category\" : 1,", "\"category\" : [],")
                .replaceFirst("\"fields\" : \\[ \"Candidates name\"", "\"fields\" : [ {}")
                .replaceFirst("\"humanCodingScheme\" : \"101.1.1\"", "\"humanCodingScheme\" : \"\"");

        Framework back = StandardsImporter.read(new SourceDocument("p.json", json.getBytes(StandardCharsets.UTF_8))).framework();

        assertThat(back.witnessStatuses()).hasSize(4);
        assertThat(back.recordingForms().get(0).fields()).doesNotContain("Candidates name");
        assertThat(back.criteria()).allSatisfy(c -> assertThat(c.code()).isNotBlank());
        assertThat(back.criteria().count()).isEqualTo(254);
    }
}
