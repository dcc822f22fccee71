package org.attest.tool.records.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.records.internal.NewFile;
import org.attest.tool.records.internal.RecordContent;
import org.attest.tool.records.internal.RecordKind;
import org.attest.tool.records.internal.SupplementaryBox;
import org.attest.tool.records.internal.VacsQuestion;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/** Reads a recording form's fields as the browser posts them; a field that cannot be read is refused with what to do. */
final class RecordForm {

    private RecordForm() {
    }

    static RecordKind kind(String text) {
        if (text == null || text.isBlank()) {
            throw PortfolioRefused.invalid("choose which record to write");
        }
        try {
            return RecordKind.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw PortfolioRefused.invalid("'" + text + "' is not one of the records an assessor writes; choose one from "
                    + "the list");
        }
    }

    static RecordContent content(MultiValueMap<String, String> form) {
        Set<AssessmentMethod> methods = new LinkedHashSet<>();
        for (String m : form.getOrDefault("methods", List.of())) {
            try {
                methods.add(AssessmentMethod.valueOf(m.strip()));
            } catch (IllegalArgumentException e) {
                throw PortfolioRefused.invalid("'" + m + "' is not one of the ways evidence is assessed; tick from the list");
            }
        }
        Set<UUID> items = new LinkedHashSet<>();
        for (String i : form.getOrDefault("item", List.of())) {
            items.add(uuid(i, "a criterion or range item"));
        }
        Map<VacsQuestion, Boolean> answers = new EnumMap<>(VacsQuestion.class);
        for (VacsQuestion q : VacsQuestion.values()) {
            String a = form.getFirst("answer." + q.name());
            if ("yes".equalsIgnoreCase(a)) {
                answers.put(q, true);
            } else if ("no".equalsIgnoreCase(a)) {
                answers.put(q, false);
            }
        }
        List<String> questions = form.getOrDefault("question", List.of());
        List<String> replies = form.getOrDefault("candidateAnswer", List.of());
        List<RecordContent.QuestionAnswer> qas = new ArrayList<>();
        for (int i = 0; i < Math.max(questions.size(), replies.size()); i++) {
            String q = i < questions.size() ? questions.get(i) : "";
            String a = i < replies.size() ? replies.get(i) : "";
            if (!q.isBlank() || !a.isBlank()) {
                qas.add(new RecordContent.QuestionAnswer(q.strip(), a.strip()));
            }
        }
        return new RecordContent(text(form, "skills"), text(form, "venue"), dateTime(form.getFirst("when")), methods,
                text(form, "requirements"), text(form, "feedbackArrangements"), date(form.getFirst("dueOn"), "the due date"),
                text(form, "observed"), date(form.getFirst("observedOn"), "the date of the observation"), items,
                text(form, "workProducts"), text(form, "photographs"), text(form, "eEvidence"), text(form, "thirdParty"),
                answers, text(form, "comments"), qas, text(form, "outcome"), text(form, "feedback"), List.of());
    }

    /** The files attached to the supplementary evidence boxes ({@code file.PHOTOGRAPHS}...), empty parts left out. */
    static List<NewFile> files(MultiValueMap<String, MultipartFile> parts) {
        List<NewFile> files = new ArrayList<>();
        for (SupplementaryBox box : SupplementaryBox.values()) {
            for (MultipartFile f : parts.getOrDefault("file." + box.name(), List.of())) {
                if (f != null && !f.isEmpty()) {
                    files.add(new NewFile(box, f.getOriginalFilename(), f.getContentType(), f::getInputStream));
                }
            }
        }
        return files;
    }

    static UUID uuid(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw PortfolioRefused.invalid("the form named " + what + " '" + text + "', which is not an id; reload the page "
                    + "and choose again");
        }
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDate date(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw PortfolioRefused.invalid(what + " '" + text + "' is not a date; write it as YYYY-MM-DD");
        }
    }

    private static LocalDateTime dateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw PortfolioRefused.invalid("the date and time '" + text + "' is not one; write it as YYYY-MM-DDTHH:MM");
        }
    }
}
