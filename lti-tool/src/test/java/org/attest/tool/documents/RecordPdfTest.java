package org.attest.tool.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.assertj.core.data.Offset;
import org.attest.tool.portfolio.AssessorEvidence;
import org.attest.tool.records.internal.AssessorRecord;
import org.attest.tool.records.internal.PlannedMethod;
import org.attest.tool.records.internal.VacsQuestion;
import org.junit.jupiter.api.Test;

/**
 * The assessor's four records (Appendix 2) read back from their PDFs with PDFBox: every field the form has, in the
 * form's order, the ticks and answers, the signature boxes (name from the launch, typed name, date), the version and
 * its state; and where the golden layout puts the title and the signatures.
 */
class RecordPdfTest {

    @Test
    void anAssessmentActionPlanPrintsItsFieldsTheElevenBoxesAndBothSignaturesInTheFormsOrder() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedRecords.print(PrintedRecords.plan(2, true, false)));

        List<String> inOrder = new ArrayList<>(List.of("Appendix 2", "Assessment action plan", "Version 2 · Signed",
                "Candidates name", "Sam Student", "Assessors name", "Alex Assessor", "Unit", "224", "Skills/Knowledge",
                "Handling customer accounts", "Venue", "Riverside branch", "Date and time", "20 Nov 2026, 10:30", "Due",
                "21 Nov 2026", "Evidences assessed by"));
        List<String> ticked = List.of("Direct /e-Observation", "Oral questioning", "Work products");
        for (PlannedMethod m : PlannedMethod.ON_THE_FORM) {
            inOrder.add(m.label() + (ticked.contains(m.label()) ? " ☒ Yes" : " ☐ No"));
        }
        inOrder.addAll(List.of("Action plan/evidence requirements", "Observe two customer calls; bring the call log",
                "Feedback arrangements", "Verbal feedback after, written within a week",
                "Assessor signature Alex Assessor A. Assessor 23 Nov 2026",
                "Candidate signature Sam Student sam student 24 Nov 2026"));
        assertThat(text).containsSubsequence(inOrder);
        assertThat(PlannedMethod.ON_THE_FORM).hasSize(11);
    }

    @Test
    void aDraftSaysSoAndLeavesTheSignatureBoxesBlank() throws IOException {
        byte[] pdf = PrintedRecords.print(PrintedRecords.plan(1, false, false));
        Files.write(Path.of("target/record-draft.pdf"), pdf); // to look at: pdftoppm -png
        String text = RecordingFormPdfTest.text(pdf);

        assertThat(text).contains("Version 1 · Draft, not signed").doesNotContain("A. Assessor", "23 Nov 2026");
        assertThat(text).contains("Signed as Signature Print name Date Assessor signature Candidate signature");
    }

    @Test
    void aSupersededVersionSaysWhichVersionSupersededIt() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedRecords.print(PrintedRecords.plan(1, true, true)));

        assertThat(text).contains("Version 1 · Superseded by version 2", "Alex Assessor", "23 Nov 2026");
    }

    @Test
    void anObservationRecordPrintsWhatWasSeenTheReferenceToStandardsAndTheSupplementaryEvidence() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedRecords.print(PrintedRecords.observation(
                "Sam greeted the customer, checked their identity and reset the account", true)));

        List<String> inOrder = new ArrayList<>(List.of("Observation record", "Version 1 · Signed", "Candidate name",
                "Sam Student", "Assessor name", "Alex Assessor", "Unit", "224", "Date observed", "19 Nov 2026",
                "Please record what you saw the candidate do", "Reference to standards",
                "Sam greeted the customer, checked their identity and reset the account"));
        PrintedRecords.referred().stream().map(AssessorEvidence.Item::code).forEach(inOrder::add);
        inOrder.addAll(List.of("Supplementary evidence", "Work products (eg documents, reports etc) ☒ Yes",
                "Customer desk, Riverside: the call log in the red file", "Photographs ☒ Yes",
                "Attached: till-receipt.jpg (SHA-256", "E-evidence (video, audio, MP3 etc) ☐ No",
                "Confirmation by third party (witness testimony etc) ☐ No",
                "Candidate signature Sam Student sam student 24 Nov 2026",
                "Assessor signature Alex Assessor A. Assessor 23 Nov 2026"));
        assertThat(text).containsSubsequence(inOrder);
        assertThat(text).contains(PrintedRecords.referred().get(0).statement().substring(0, 20));
        assertThat(text.replace(" ", "")).as("the file's hash, wrapped in its cell").contains("ab".repeat(32));
    }

    @Test
    void anAssessmentReportPrintsTheSevenQuestionsWithYesOrNoAndTheQuestioningRecord() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedRecords.print(PrintedRecords.report(true)));

        List<String> inOrder = new ArrayList<>(List.of("Assessment report", "Version 1 · Signed", "Candidates name",
                "Sam Student", "Assessors name", "Alex Assessor", "Unit", "224", "Skills/Knowledge",
                "Skills and knowledge of Unit 224", "Yes or no"));
        for (VacsQuestion q : VacsQuestion.values()) {
            boolean yes = q == VacsQuestion.MORE_KNOWLEDGE || !q.name().startsWith("MORE");
            inOrder.add(q.question() + (yes ? " YES" : " NO"));
        }
        inOrder.addAll(List.of("Assessors comments", "Good progress; check the knowledge of 1.3", "Assessor questions",
                "Candidate answers", "How do you check identity?", "Two security questions, then the date of birth",
                "What if the customer fails them?", "I refer them to the branch",
                "Criteria the questions cover: " + PrintedRecords.referred().get(0).code(), "Outcome of assessment",
                "Competent in element 1", "Assessor signature Alex Assessor A. Assessor 23 Nov 2026",
                "Candidate signature Sam Student sam student 24 Nov 2026"));
        assertThat(text).containsSubsequence(inOrder);
    }

    @Test
    void actionPlanAndFeedbackIsSignedByTheAssessorAlone() throws IOException {
        String text = RecordingFormPdfTest.text(PrintedRecords.print(PrintedRecords.feedback("Ask open questions first",
                true)));

        assertThat(text).containsSubsequence("Action plan and feedback to candidate", "Version 1 · Signed",
                "Candidates name", "Sam Student", "Assessors name", "Alex Assessor", "Unit", "224", "Skills/Knowledge",
                "Customer service", "Feedback to candidate", "Ask open questions first", "Outcome of assessment",
                "Not yet competent in 1.3", "Signed as Signature Print name Date",
                "Assessor signature Alex Assessor A. Assessor 23 Nov 2026");
        assertThat(text).doesNotContain("Candidate signature");
    }

    /**
     * The golden layout: each signed record is one A4 portrait page; its title heads the page at the 14 mm margin, the
     * first field sits below it, and the signatures come after the form's last field.
     */
    @Test
    void keepsTheGoldenLayout() throws IOException {
        check(PrintedRecords.plan(1, true, false), "Assessment action plan", "Feedback arrangements", "Candidate signature",
                SIGNATURE_Y[0]);
        check(PrintedRecords.observation("Sam greeted the customer", true), "Observation record",
                "Confirmation by third party", "Assessor signature", SIGNATURE_Y[1]);
        check(PrintedRecords.report(true), "Assessment report", "Outcome of assessment", "Candidate signature",
                SIGNATURE_Y[2]);
        check(PrintedRecords.feedback("Ask open questions first", true), "Action plan and feedback to candidate",
                "Outcome of assessment", "Assessor signature", SIGNATURE_Y[3]);
    }

    /** Where the last signature box's label starts on the page, per form (plan, observation, report, feedback). */
    static final float TITLE_Y = 78.2f;
    static final float[] SIGNATURE_Y = {696.0f, 648.6f, 699.9f, 413.7f};

    private static void check(AssessorRecord record, String title, String lastField, String lastSignature, float signatureY)
            throws IOException {
        byte[] pdf = PrintedRecords.print(record);
        Files.write(Path.of("target/record-" + record.kind().name().toLowerCase() + ".pdf"), pdf); // pdftoppm -png
        try (PDDocument document = Loader.loadPDF(pdf)) {
            RecordingFormPdfTest.Positions positions = RecordingFormPdfTest.Positions.of(document);
            assertThat(document.getNumberOfPages()).as(title).isOne();
            assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, Offset.offset(1f));
            RecordingFormPdfTest.Positions.At heading = positions.first(title);
            assertThat(heading.page()).isZero();
            assertThat(heading.x()).as(title).isCloseTo(39.7f, Offset.offset(3f));
            assertThat(heading.y()).as(title).isCloseTo(TITLE_Y, Offset.offset(3f));
            RecordingFormPdfTest.Positions.At first = positions.first(record.kind().name().equals("OBSERVATION")
                    ? "Candidate name" : "Candidates name");
            assertThat(first.after(heading)).isTrue();
            assertThat(first.x()).as("inside the table's cell").isCloseTo(45.1f, Offset.offset(3f));
            RecordingFormPdfTest.Positions.At last = positions.first(lastField);
            RecordingFormPdfTest.Positions.At signature = positions.first(lastSignature);
            assertThat(signature.after(last)).as("%s after %s: %s, %s", lastSignature, lastField, signature, last).isTrue();
            assertThat(signature.y()).as(lastSignature + " of " + title).isCloseTo(signatureY, Offset.offset(12f));
        }
    }
}
