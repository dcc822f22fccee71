package org.attest.tool.records.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;

/**
 * What the assessor writes on a recording form; each kind uses its own fields ({@link RecordRules#check} says which
 * it needs) and leaves the others null. Stored as JSON.
 *
 * @param skills "Skills/Knowledge"
 * @param when the plan's date and time of assessment
 * @param methods the plan's "Evidences assessed by" ticks
 * @param requirements the plan's "Action plan/evidence requirements"
 * @param dueOn the plan's due date
 * @param observed an observation's "what you saw the candidate do"
 * @param items an observation's reference to standards, or the criteria a report's questions cover (ids)
 * @param workProducts where the supplementary work products are (or which file), blank when not ticked; the same for
 *     {@code photographs}, {@code eEvidence} (video, audio) and {@code thirdParty} (confirmation by a third party)
 * @param answers the assessment report's yes/no answers
 * @param questions the assessor's questions with the candidate's answers
 * @param outcome "Outcome of assessment"
 * @param feedback "Feedback to candidate"
 * @param files an observation's supplementary evidence files, by box
 */
public record RecordContent(String skills, String venue, LocalDateTime when, Set<AssessmentMethod> methods,
        String requirements, String feedbackArrangements, LocalDate dueOn, String observed, LocalDate observedOn,
        Set<UUID> items, String workProducts, String photographs, String eEvidence, String thirdParty,
        Map<VacsQuestion, Boolean> answers, String comments, List<QuestionAnswer> questions, String outcome,
        String feedback, List<Attachment> files) {

    /** A file attached to a supplementary evidence box (stored as evidence files are). */
    public record Attachment(SupplementaryBox box, String storageKey, String name, String contentType, long size,
            String sha256) {
    }

    /** One assessor question and the candidate's answer. */
    public record QuestionAnswer(String question, String answer) {
    }

    public RecordContent {
        methods = methods == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(methods));
        items = items == null ? Set.of() : Set.copyOf(items);
        answers = answers == null || answers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(answers));
        questions = questions == null ? List.of() : List.copyOf(questions);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The same content with these files attached. */
    public RecordContent withFiles(List<Attachment> attached) {
        return new RecordContent(skills, venue, when, methods, requirements, feedbackArrangements, dueOn, observed, observedOn,
                items, workProducts, photographs, eEvidence, thirdParty, answers, comments, questions, outcome, feedback,
                attached);
    }

    /** The files attached to one box. */
    public List<Attachment> filesIn(SupplementaryBox box) {
        return files.stream().filter(f -> f.box() == box).toList();
    }

    /** The box is ticked: its evidence is located or attached. */
    public boolean ticked(SupplementaryBox box) {
        String located = switch (box) {
            case WORK_PRODUCTS -> workProducts;
            case PHOTOGRAPHS -> photographs;
            case E_EVIDENCE -> eEvidence;
            case THIRD_PARTY -> thirdParty;
        };
        return (located != null && !located.isBlank()) || !filesIn(box).isEmpty();
    }

    /** Where the box's evidence is, as written. */
    public String located(SupplementaryBox box) {
        return switch (box) {
            case WORK_PRODUCTS -> workProducts;
            case PHOTOGRAPHS -> photographs;
            case E_EVIDENCE -> eEvidence;
            case THIRD_PARTY -> thirdParty;
        };
    }

    /** The methods in the awarding body's order, for display. */
    public List<AssessmentMethod> methodList() {
        return methods.stream().sorted().toList();
    }

    /** "Yes", "No", or blank when unanswered. */
    public String answer(VacsQuestion q) {
        Boolean a = answers.get(q);
        return a == null ? "" : a ? "Yes" : "No";
    }
}
