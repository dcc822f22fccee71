package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.attest.tool.documents.PrintedWitnessForms.Signed;
import org.attest.tool.witnesses.internal.WitnessForms;
import org.junit.jupiter.api.Test;

/**
 * The witness records read back from their PDFs with PDFBox: the witness status list, the record of expert witness and
 * the expert witness statement print every field in the seed form's order, blank lines where nobody signed yet, and
 * keep their golden layout.
 */
class WitnessPdfTest {

    static final String PAT = "Pat Supervisor";

    @Test
    void theStatusListPrintsEachWitnessesDetailsStatusUnitsAndConfirmationThenTheAssessorsSignatureAndTheKey()
            throws IOException {
        String text = RecordingFormPdfTest.text(PrintedWitnessForms.statusList(PrintedWitnessForms.list(PAT, Signed.SIGNED)));

        assertThat(text).containsSubsequence("Witness status list", "Candidate name", "Sam Student", "Unit", "224",
                "Name and contact address of witness", "Witness status", "Professional relationship", "Units witnessed",
                "Witness signature", "Date",
                PAT, "pat.supervisor@example.org, 1 Mill Lane, Leeds", "3. Occupational expert familiar with standards",
                "Team leader", "224", PAT + " (Delivery problem (2 Mar 2026), Unit 224)",
                "not confirmed (Refund (3 Mar 2026), Unit 224)", "4 Mar 2026",
                "Chris Colleague", "chris@example.org", "5. Non expert not familiar with the standards", "Colleague", "224",
                "not confirmed (Complaint (1 Mar 2026), Unit 224)",
                "Assessor signature", "A. Assessor", "Assessor name", "Alex Assessor", "Date", "5 Mar 2026",
                "Witness Status Categories", "1. Occupational expert and A1, A2 / V1, V2 Assessor",
                "2. A1, A2 / V1, V2 Assessor without occupational experience",
                "3. Occupational expert familiar with standards", "4. Occupational expert not familiar with standards",
                "5. Non expert not familiar with the standards");
        assertThat(text).doesNotContain("needs signing again");
    }

    @Test
    void anUnsignedListLeavesTheAssessorsLinesBlank() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedWitnessForms.statusList(
                PrintedWitnessForms.list(PAT, Signed.NOT_SIGNED)));

        assertThat(text).containsSubsequence("Assessor signature", "Assessor name", "Date", "Witness Status Categories")
                .doesNotContain("A. Assessor", "Alex Assessor", "5 Mar 2026", "needs signing again");
    }

    @Test
    void aListChangedSinceItWasSignedSaysItNeedsSigningAgainAndLeavesTheLinesBlank() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedWitnessForms.statusList(
                PrintedWitnessForms.list(PAT, Signed.CHANGED_SINCE)));

        assertThat(text).containsSubsequence("Changed since signed (version 1): needs signing again.", "Assessor signature",
                "Assessor name", "Date").doesNotContain("A. Assessor", "Alex Assessor", "5 Mar 2026");
    }

    @Test
    void theRecordOfExpertWitnessPrintsTheExpertSiteEachConditionWithItsAnswerAndTheWitnessAndIvSignatures()
            throws IOException {
        String text = RecordingFormPdfTest.text(PrintedWitnessForms.record(
                PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", true)));

        assertThat(text).containsSubsequence("Record of expert witness", "Sam Student", "224", "version 2",
                "Expert witness name", "Erin Expert", "Name of assessment site", "Leeds contact centre",
                "Expert witness should at least:", "Reference to standards",
                WitnessForms.CONDITIONS.get(0), "Yes: Five years managing the online team",
                WitnessForms.CONDITIONS.get(1), "Yes: Trains staff on units 224 and 225",
                WitnessForms.CONDITIONS.get(2), "No: No CPD record seen",
                "224.1.1, 224.1.2 and range 224.R1",
                "In addition it would be desirable for the expert witness to hold or be working towards",
                "acting as an expert witness", "Holds the A1 award",
                "Witness signature", "Erin Expert", "Date", "6 Mar 2026",
                "IV signature", "I. Verifier", "IV name", "Ivy Verifier", "Date", "9 Mar 2026");
        assertThat(text).as("the statement's fields are on the statement").doesNotContain("Sam was fully competent.",
                "Candidate signature");
    }

    @Test
    void theStatementPrintsTheCandidatesAndWitnesssAccountsTheWitnessDetailsAndTheirSignatures() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedWitnessForms.statement(
                PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", true)));

        assertThat(text).containsSubsequence("Expert witness statement", "Candidates name", "Sam Student",
                "Assessors name", "Alex Assessor", "Unit", "224", "Skills/Knowledge", "Resetting online accounts",
                "Venue", "Leeds contact centre, floor 2", "Date and time", "2 Mar 2026, 10:30",
                "Candidate statement", "Description of activity to be assessed by the witness",
                "I reset a locked customer account by chat.", "The candidate handles a live chat about a locked account.",
                "Witness statement", "Give a description of, and authenticate", "Sam was fully competent.",
                "Witness details", "Name", "Erin Expert", "Position/job title", "Customer service manager",
                "Relationship to candidate", "Line manager", "Contact details", "erin.expert@example.org",
                "Witness signature", "Erin Expert", "Date", "6 Mar 2026",
                "Candidate signature", "Sam Student", "Date", "10 Mar 2026");
        assertThat(text).as("the IV signs the record, not the statement").doesNotContain("IV signature", "Ivy Verifier");
    }

    @Test
    void unsignedExpertFormsLeaveEverySignatureLineBlank() throws IOException {
        var unsigned = PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", false);
        String record = RecordingFormPdfTest.text(PrintedWitnessForms.record(unsigned));
        String statement = RecordingFormPdfTest.text(PrintedWitnessForms.statement(unsigned));

        assertThat(record).containsSubsequence("Witness signature", "Date", "IV signature", "IV name", "Date")
                .doesNotContain("6 Mar 2026", "9 Mar 2026", "Ivy Verifier", "I. Verifier");
        assertThat(statement).containsSubsequence("Witness signature", "Date", "Candidate signature", "Date")
                .doesNotContain("6 Mar 2026", "10 Mar 2026");
        assertThat(statement.substring(statement.indexOf("Witness signature"))).doesNotContain("Erin Expert", "Sam Student");
    }

    /**
     * The golden layout: each form is one A4 page (the list landscape, the expert's forms portrait); the heading sits at
     * the top left margin, the first witness's row below the column headings, and the signatures below what they sign.
     */
    @Test
    void eachFormKeepsItsGoldenLayout() throws IOException {
        byte[] list = PrintedWitnessForms.statusList(PrintedWitnessForms.list(PAT, Signed.SIGNED));
        var expert = PrintedWitnessForms.expert("Erin Expert", "Sam was fully competent.", true);
        byte[] record = PrintedWitnessForms.record(expert);
        byte[] statement = PrintedWitnessForms.statement(expert);
        Files.write(Path.of("target/witness-status-list.pdf"), list); // to look at: pdftoppm -png
        Files.write(Path.of("target/expert-witness-record.pdf"), record);
        Files.write(Path.of("target/expert-witness-statement.pdf"), statement);

        try (PDDocument document = Loader.loadPDF(list)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(document.getPage(0).getMediaBox().getWidth()).as("landscape").isCloseTo(841.9f, offset(1f));
            RecordingFormPdfTest.Positions positions = RecordingFormPdfTest.Positions.of(document);
            var heading = positions.first("Witness status list");
            assertThat(heading.x()).isCloseTo(39.7f, offset(3f));
            assertThat(heading.y()).isCloseTo(LIST_HEADING_Y, offset(3f));
            var pat = positions.first(PAT);
            assertThat(pat.after(positions.first("Name and contact address"))).isTrue();
            assertThat(pat.x()).isCloseTo(44.2f, offset(3f));
            assertThat(pat.y()).isCloseTo(LIST_PAT_Y, offset(6f));
            var status = positions.first("3. Occupational expert");
            assertThat(status.y()).as("the status on Pat's row").isCloseTo(pat.y(), offset(1f));
            assertThat(status.x()).isCloseTo(LIST_STATUS_X, offset(6f));
            var signature = positions.first("Assessor signature");
            assertThat(signature.after(positions.first("Chris Colleague"))).isTrue();
            assertThat(positions.first("Witness Status Categories").after(signature)).isTrue();
        }
        try (PDDocument document = Loader.loadPDF(record)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(document.getPage(0).getMediaBox().getWidth()).as("portrait").isCloseTo(595.3f, offset(1f));
            RecordingFormPdfTest.Positions positions = RecordingFormPdfTest.Positions.of(document);
            var name = positions.first("Expert witness name");
            assertThat(name.x()).isCloseTo(44.2f, offset(3f));
            assertThat(name.y()).isCloseTo(RECORD_NAME_Y, offset(6f));
            var column = positions.first("Reference to standards");
            assertThat(column.x()).as("the answers' column, right of the conditions").isCloseTo(RECORD_ANSWER_X, offset(6f));
            assertThat(positions.first("Yes: Five years").y()).as("the first condition's answer on its row")
                    .isCloseTo(positions.first("Have a minimum of 2 years").y(), offset(1f));
            var iv = positions.first("IV signature");
            assertThat(iv.after(positions.first("Witness signature"))).isTrue();
            assertThat(iv.y()).isCloseTo(RECORD_IV_Y, offset(12f));
        }
        try (PDDocument document = Loader.loadPDF(statement)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            RecordingFormPdfTest.Positions positions = RecordingFormPdfTest.Positions.of(document);
            var candidate = positions.first("Candidates name");
            assertThat(candidate.y()).isCloseTo(STATEMENT_CANDIDATE_Y, offset(6f));
            var signature = positions.first("Candidate signature");
            assertThat(signature.after(positions.first("Contact details"))).isTrue();
            assertThat(signature.y()).isCloseTo(STATEMENT_SIGNATURE_Y, offset(12f));
        }
    }

    static final float LIST_HEADING_Y = 71.7f;
    static final float LIST_PAT_Y = 169.6f;
    static final float LIST_STATUS_X = 196.7f;
    static final float RECORD_NAME_Y = 115.2f;
    static final float RECORD_ANSWER_X = 327.9f;
    static final float RECORD_IV_Y = 432.3f;
    static final float STATEMENT_CANDIDATE_Y = 100.5f;
    static final float STATEMENT_SIGNATURE_Y = 655.7f;
}
