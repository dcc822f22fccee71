package org.attest.standards.write;

import org.attest.standards.Criterion;
import org.attest.standards.Framework;
import org.attest.standards.Unit;

/**
 * Moodle grade outcomes (Grades > Outcomes > Import outcomes): semicolon-separated, one outcome
 * per criterion on the competence scale, for courses that use outcomes rather than competencies.
 */
public final class MoodleOutcomesCsvWriter {

    public static final String[] HEADERS = {"outcome_name", "outcome_shortname", "outcome_description", "scale_name",
        "scale_items", "scale_description"};
    public static final String SCALE_NAME = "Competence";
    public static final String SCALE_DESCRIPTION = "Whether the candidate has met the criterion (NVQ/RQF assessment)";

    private MoodleOutcomesCsvWriter() {
    }

    public static String write(Framework framework) {
        Csv csv = new Csv(';').row(HEADERS);
        for (Unit unit : framework.units()) {
            for (Criterion c : unit.criteria().toList()) {
                String shortName = c.code().startsWith(unit.code() + ".")
                        ? c.code() : unit.code() + " " + c.code();
                csv.row(MoodleCompetencyCsvWriter.shortName(shortName + " " + c.statement()), shortName,
                        unit.displayName() + ": " + c.statement(), SCALE_NAME, MoodleCompetencyCsvWriter.SCALE,
                        SCALE_DESCRIPTION);
            }
        }
        return csv.toString();
    }
}
