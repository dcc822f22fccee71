package org.attest.tool.records.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.portfolio.CaseloadNotes;
import org.attest.tool.portfolio.Course;
import org.springframework.stereotype.Component;

/**
 * The caseload's word on each learner's assessment action plans: the earliest current plan no evidence fulfils yet,
 * "Plan overdue since 3 Dec" or "Plan due 13 Dec", as the Plans page sorts them (docs/recording-documents.md).
 */
@Component
class CaseloadPlans implements CaseloadNotes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private final RecordStore store;

    CaseloadPlans(RecordStore store) {
        this.store = store;
    }

    @Override
    public Map<UUID, List<Note>> notes(Course course, LocalDate today) {
        Map<UUID, List<Note>> notes = new HashMap<>();
        store.earliestOpenPlans(course).forEach((learnerUnit, due) -> {
            boolean overdue = due.isBefore(today);
            notes.put(learnerUnit, List.of(new Note((overdue ? "Plan overdue since " : "Plan due ") + DAY.format(due),
                    overdue, "/records/plans")));
        });
        return notes;
    }
}
