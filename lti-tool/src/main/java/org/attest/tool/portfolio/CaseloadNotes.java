package org.attest.tool.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A module's short notes on the learner units of a course's caseload (docs/architecture.md, "Ports"): a module that
 * keeps something an assessor should see at a glance beside each learner (an assessment plan due or overdue...)
 * implements this as a Spring bean, and the caseload shows its notes in the learner's row. The caseload is on a
 * tutor's launch path: an implementation answers a whole course with one indexed statement.
 */
public interface CaseloadNotes {

    /** The notes of the course's learner units, by learner unit id; none for a unit with nothing to say. */
    Map<UUID, List<Note>> notes(Course course, LocalDate today);

    /**
     * One note: its words, whether it asks for attention (shown as a warning), and the page it is about, a path below
     * the session's base ({@code "/records/plans"}), or {@code null}.
     */
    record Note(String text, boolean attention, String path) {
    }
}
