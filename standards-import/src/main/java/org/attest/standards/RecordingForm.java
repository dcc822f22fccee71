package org.attest.standards;

import java.util.List;

/**
 * A general recording document of the qualification (assessment report, observation record,
 * witness status list, ...): its title and the boxes a centre fills in.
 *
 * @param qualification the qualification printed under the title, or {@code null}
 * @param fields the boxes in printed order ("Candidates name", "Assessors name", ...)
 * @param notes instructions printed on the form ("Include all witnesses who have signed ...")
 */
public record RecordingForm(String title, String qualification, List<String> fields, List<String> notes) {

    public RecordingForm {
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
    }
}
