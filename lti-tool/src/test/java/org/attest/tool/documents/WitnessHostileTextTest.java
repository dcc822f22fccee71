package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.attest.tool.documents.PrintedWitnessForms.Signed;
import org.junit.jupiter.api.Test;

/**
 * A witness's name and statement are typed by learners, assessors and the witness: markup, a file: image and control
 * characters in them print as text on every witness form, and nothing is loaded.
 */
class WitnessHostileTextTest {

    static final String NAME = "<b>Pat</b> <img src=file:///etc/passwd> \u0007Supervisor";
    static final String STATEMENT = "</div><script>alert(1)</script><img src=\"file:///etc/passwd\"/> competent\u0000 &amp; done";

    @Test
    void markupAndControlCharactersInAWitnessNameOrStatementPrintAsTextOnEveryForm() throws IOException {
        byte[] list = PrintedWitnessForms.statusList(PrintedWitnessForms.list(NAME, Signed.SIGNED));
        var expert = PrintedWitnessForms.expert(NAME, STATEMENT, true);
        byte[] record = PrintedWitnessForms.record(expert);
        byte[] statement = PrintedWitnessForms.statement(expert);
        java.nio.file.Files.write(Path.of("target/witness-statement-hostile.pdf"), statement); // pdftoppm -png to look

        String printedName = "<b>Pat</b> <img src=file:///etc/passwd> \uFFFDSupervisor";
        assertThat(RecordingFormPdfTest.text(list)).contains(printedName);
        assertThat(RecordingFormPdfTest.text(record)).contains(printedName);
        assertThat(RecordingFormPdfTest.text(statement)).contains(printedName,
                "</div><script>alert(1)</script><img src=\"file:///etc/passwd\"/> competent\uFFFD &amp; done");
        for (byte[] pdf : java.util.List.of(list, record, statement)) {
            assertThat(images(pdf)).as("no image was loaded").isZero();
        }
    }

    @Test
    void aWitnessStatementAsLongAsTheFormAllowsRunsOverPagesWithEveryWord() throws IOException {
        String longStatement = "word ".repeat(3999) + "end"; // 19,998 characters: the record's limit is 20,000
        byte[] statement = PrintedWitnessForms.statement(PrintedWitnessForms.expert("Erin Expert", longStatement, true));

        String text = RecordingFormPdfTest.text(statement);
        assertThat(text.split("word", -1)).as("every word of the statement").hasSize(4000);
        assertThat(text).containsSubsequence("word end", "Witness details", "Candidate signature", "Sam Student");
        try (PDDocument document = Loader.loadPDF(statement)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
        }
    }

    private static int images(byte[] pdf) throws IOException {
        int images = 0;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().isImageXObject(name)) {
                        images++;
                    }
                }
            }
        }
        return images;
    }
}
