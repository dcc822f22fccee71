package org.attest.tool.documents;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.AssessorEvidence;
import org.attest.tool.records.internal.AssessorRecord;
import org.attest.tool.records.internal.RecordContent;
import org.attest.tool.records.internal.RecordKind;
import org.attest.tool.records.internal.RecordPdfs;
import org.attest.tool.records.internal.RecordPrint;
import org.attest.tool.records.internal.SignerRole;
import org.attest.tool.records.internal.SupplementaryBox;
import org.attest.tool.records.internal.VacsQuestion;

/** Sam's records of Unit 224, one of each form, signed or not, printed through the tool's renderer without Spring. */
final class PrintedRecords {

    static final Instant ASSESSOR_SIGNED = Instant.parse("2026-11-23T14:30:00Z");
    static final Instant CANDIDATE_SIGNED = Instant.parse("2026-11-24T09:15:00Z");
    static final List<AssessorEvidence.Item> ITEMS = items();

    private PrintedRecords() {
    }

    /** The first two criteria and the first range item of Unit 224: an observation's reference to standards. */
    static List<AssessorEvidence.Item> referred() {
        List<AssessorEvidence.Item> criteria = ITEMS.stream().filter(i -> !i.rangeItem()).limit(2).toList();
        List<AssessorEvidence.Item> referred = new ArrayList<>(criteria);
        referred.add(ITEMS.stream().filter(AssessorEvidence.Item::rangeItem).findFirst().orElseThrow());
        return referred;
    }

    static AssessorRecord plan(int version, boolean signed, boolean superseded) {
        RecordContent c = content("Handling customer accounts", "Riverside branch", LocalDateTime.of(2026, 11, 20, 10, 30),
                Set.of(AssessmentMethod.OBSERVATION, AssessmentMethod.QUESTIONING, AssessmentMethod.PRODUCT_EVIDENCE),
                "Observe two customer calls; bring the call log", "Verbal feedback after, written within a week",
                LocalDate.of(2026, 11, 21), null, null, Set.of(), null, Map.of(), null, List.of(), null, null, List.of());
        return record(RecordKind.ASSESSMENT_PLAN, version, c, signed, superseded);
    }

    static AssessorRecord observation(String observed, boolean signed) {
        RecordContent c = content(null, null, null, Set.of(), null, null, null, observed, LocalDate.of(2026, 11, 19),
                Set.copyOf(referred().stream().map(AssessorEvidence.Item::id).toList()),
                "Customer desk, Riverside: the call log in the red file", Map.of(), null, List.of(), null, null,
                List.of(new RecordContent.Attachment(SupplementaryBox.PHOTOGRAPHS, "aa/bb/key", "till-receipt.jpg",
                        "image/jpeg", 1234, "ab".repeat(32))));
        return record(RecordKind.OBSERVATION, 1, c, signed, false);
    }

    static AssessorRecord report(boolean signed) {
        Map<VacsQuestion, Boolean> answers = new EnumMap<>(VacsQuestion.class);
        for (VacsQuestion q : VacsQuestion.values()) {
            answers.put(q, !q.name().startsWith("MORE"));
        }
        answers.put(VacsQuestion.MORE_KNOWLEDGE, true);
        RecordContent c = content("Skills and knowledge of Unit 224", null, null, Set.of(), null, null, null, null, null,
                Set.of(referred().get(0).id()), null, answers, "Good progress; check the knowledge of 1.3",
                List.of(new RecordContent.QuestionAnswer("How do you check identity?",
                                "Two security questions, then the date of birth"),
                        new RecordContent.QuestionAnswer("What if the customer fails them?", "I refer them to the branch")),
                "Competent in element 1", null, List.of());
        return record(RecordKind.ASSESSMENT_REPORT, 1, c, signed, false);
    }

    static AssessorRecord feedback(String feedback, boolean signed) {
        RecordContent c = content("Customer service", null, null, Set.of(), null, null, null, null, null, Set.of(), null,
                Map.of(), null, List.of(), "Not yet competent in 1.3", feedback, List.of());
        return record(RecordKind.FEEDBACK, 1, c, signed, false);
    }

    static byte[] print(AssessorRecord record) {
        RecordPrint print = RecordPrint.of(record, ITEMS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintedForms.pdfs().render(RecordPdfs.template(print.kind()), Map.of("print", print), out);
        return out.toByteArray();
    }

    private static AssessorRecord record(RecordKind kind, int version, RecordContent content, boolean signed,
            boolean superseded) {
        List<AssessorRecord.Signature> signatures = new ArrayList<>();
        if (signed) {
            signatures.add(new AssessorRecord.Signature(SignerRole.ASSESSOR, "alex", "Alex Assessor", "A. Assessor",
                    ASSESSOR_SIGNED));
            if (kind.needs(SignerRole.CANDIDATE)) {
                signatures.add(new AssessorRecord.Signature(SignerRole.CANDIDATE, "sam", "Sam Student", "sam student",
                        CANDIDATE_SIGNED));
            }
        }
        UUID id = UUID.randomUUID();
        return new AssessorRecord(id, id, version, kind, UUID.randomUUID(), "Sam Student", "224", "alex", "Alex Assessor",
                content, content.dueOn(), null, superseded ? Instant.parse("2026-11-25T08:00:00Z") : null,
                Instant.parse("2026-11-18T08:00:00Z"), Instant.parse("2026-11-18T08:00:00Z"), signatures, List.of());
    }

    private static RecordContent content(String skills, String venue, LocalDateTime when, Set<AssessmentMethod> methods,
            String requirements, String arrangements, LocalDate dueOn, String observed, LocalDate observedOn, Set<UUID> items,
            String workProducts, Map<VacsQuestion, Boolean> answers, String comments,
            List<RecordContent.QuestionAnswer> questions, String outcome, String feedback,
            List<RecordContent.Attachment> files) {
        return new RecordContent(skills, venue, when, methods, requirements, arrangements, dueOn, observed, observedOn, items,
                workProducts, null, null, null, answers, comments, questions, outcome, feedback, files);
    }

    private static List<AssessorEvidence.Item> items() {
        List<AssessorEvidence.Item> items = new ArrayList<>();
        PrintedForms.UNIT_224.criteria().forEach(c -> items.add(new AssessorEvidence.Item(c.id(), c.code(), c.statement(), false)));
        PrintedForms.UNIT_224.rangeItems().forEach(r -> items.add(new AssessorEvidence.Item(r.id(), r.code(), r.statement(), true)));
        return List.copyOf(items);
    }
}
