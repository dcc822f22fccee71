package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.documents.internal.RecordingForm;
import org.junit.jupiter.api.Test;

/**
 * The unit recording form read back from its PDF with PDFBox: what the form prints, in the form's order, and where.
 */
class RecordingFormPdfTest {

    @Test
    void printsEveryCriterionRangeItemEvidenceReferenceAndSignatureInTheFormsOrder() throws IOException {
        String text = text(PrintedForms.print(RecordingForm.of(PrintedForms.record("Observation: online account reset", true),
                null)));

        List<String> inOrder = new ArrayList<>(List.of("Unit 224", "Sam Student"));
        PrintedForms.UNIT_224.criteria().map(Criterion::code).forEach(inOrder::add);
        PrintedForms.UNIT_224.rangeItems().map(RangeItem::code).forEach(inOrder::add);
        inOrder.addAll(List.of("Evidence", "E1", "Observation: online account reset", "3 Nov 2026", "O, WT",
                "E3", "Witness testimony: delivery problem", "10 Nov 2026", "In Attest; original: Team leader's file, drawer 2",
                "Candidate signature", "Sam Student", "20 Nov 2026",
                "Assessor signature", "Alex Assessor", "Print name", "A. Assessor", "Date completed", "23 Nov 2026",
                "Sampled by Internal verifier: NO", "Internal verifier signature", "Print name", "Date verified"));
        assertThat(text).containsSubsequence(inOrder);
        String firstCriterion = PrintedForms.UNIT_224.criteria().findFirst().orElseThrow().code();
        assertThat(text).as("the first criterion's row carries both references and their locations")
                .containsSubsequence(firstCriterion, "E1 · 3 Nov 2026 · O, WT", "E3 · 10 Nov 2026 · WT", "E1: In Attest",
                        "E3: In Attest; original: Team leader's file, drawer 2");
    }

    @Test
    void saysSampledYesWithTheVerifiersNameAndDateAfterAnAgreedDecision() throws IOException {
        String text = text(PrintedForms.print(RecordingForm.of(PrintedForms.record("Observation", true),
                PrintedForms.agreedByIvy())));

        assertThat(text).containsSubsequence("Sampled by Internal verifier: YES", "Internal verifier signature",
                "Ivy Verifier", "Print name", "Ivy Verifier", "Date verified", "27 Nov 2026");
        assertThat(text).doesNotContain("Sampled by Internal verifier: NO");
    }

    @Test
    void leavesEverySignatureBlankUntilSignedAndSaysNotSampled() throws IOException {
        String text = text(PrintedForms.print(RecordingForm.of(PrintedForms.record("Observation", false), null)));

        assertThat(text).contains("Sampled by Internal verifier: NO").doesNotContain("Alex Assessor", "A. Assessor",
                "Ivy Verifier", "20 Nov 2026", "23 Nov 2026");
        assertThat(text).containsSubsequence("Assessor signature", "Print name", "Date completed",
                "Internal verifier signature", "Print name", "Date verified");
    }

    /**
     * The golden layout: Unit 224's form is three A4 portrait pages (with this evidence); the unit code heads page 1, the
     * first criterion sits below it on page 1, and "Assessor signature" comes after the last criterion.
     */
    @Test
    void keepsTheGoldenLayout() throws IOException {
        byte[] pdf = PrintedForms.print(RecordingForm.of(PrintedForms.record("Observation: online account reset", true),
                PrintedForms.agreedByIvy()));
        java.nio.file.Files.write(java.nio.file.Path.of("target/recording-form-224.pdf"), pdf); // to look at: pdftoppm -png
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(expectedPages());
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
            Positions positions = Positions.of(document);
            String lastCriterion = PrintedForms.UNIT_224.criteria().reduce((a, b) -> b).orElseThrow().code();
            String firstCriterion = PrintedForms.UNIT_224.criteria().findFirst().orElseThrow().code();

            Positions.At unit = positions.first("Unit 224");
            assertThat(unit.page()).isZero();
            assertThat(unit.x()).isCloseTo(39.7f, org.assertj.core.data.Offset.offset(3f)); // the 14 mm left margin
            assertThat(unit.y()).isCloseTo(UNIT_Y, org.assertj.core.data.Offset.offset(3f));
            Positions.At first = positions.first(firstCriterion);
            assertThat(first.page()).isZero();
            assertThat(first.y()).isCloseTo(204.7f, org.assertj.core.data.Offset.offset(6f));
            assertThat(first.x()).isCloseTo(44.2f, org.assertj.core.data.Offset.offset(3f)); // inside the table's cell
            Positions.At last = positions.first(lastCriterion);
            Positions.At assessor = positions.first("Assessor signature");
            assertThat(assessor.after(last)).as("Assessor signature after %s: %s, %s", lastCriterion, assessor, last).isTrue();
            assertThat(assessor.x()).isCloseTo(44.2f, org.assertj.core.data.Offset.offset(3f));
            assertThat(assessor.page()).isEqualTo(1);
            assertThat(assessor.y()).isCloseTo(723.5f, org.assertj.core.data.Offset.offset(12f));
            Positions.At sampled = positions.first("Sampled by Internal verifier: YES");
            assertThat(sampled.after(assessor)).isTrue();
        }
    }

    static final int EXPECTED_PAGES = 3;
    static final float UNIT_Y = 77.3f;

    private static int expectedPages() {
        return EXPECTED_PAGES;
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** Where each line of text starts, page by page (y from the top of the page). */
    record Positions(List<At> lines) {

        record At(String text, int page, float x, float y) {
            boolean after(At other) {
                return page > other.page || page == other.page && y > other.y;
            }
        }

        At first(String text) {
            return lines.stream().filter(l -> l.text().contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("'" + text + "' is not in the PDF: " + lines));
        }

        static Positions of(PDDocument document) throws IOException {
            List<At> lines = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) {
                    TextPosition start = positions.get(0);
                    lines.add(new At(text, getCurrentPageNo() - 1, start.getXDirAdj(), start.getYDirAdj()));
                }
            };
            stripper.setSortByPosition(true);
            stripper.getText(document);
            return new Positions(lines);
        }
    }
}
