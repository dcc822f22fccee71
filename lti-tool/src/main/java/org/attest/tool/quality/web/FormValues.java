package org.attest.tool.quality.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.attest.tool.quality.internal.QualityRefused;

/** Form fields of the quality pages read as values: blank is "not given", anything else must parse or is refused. */
final class FormValues {

    private FormValues() {
    }

    /** A date typed as YYYY-MM-DD; null when blank. */
    static LocalDate date(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw QualityRefused.badInput(what + " '" + text + "' is not a date; write it as YYYY-MM-DD");
        }
    }
}
