package org.attest.standards.write;

import org.attest.standards.Criterion;
import org.attest.standards.Element;
import org.attest.standards.Framework;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;

/**
 * A Moodle competency framework CSV for Site administration > Competencies > Import competency
 * framework ({@code admin/tool/lpimportcsv}): the framework row (scale "Not yet competent,
 * Competent", a taxonomy per level), then units, elements and criteria, and range items under a
 * "What you must cover" node of each unit. ID numbers are the stable ids, so a re-import updates
 * rather than duplicates.
 */
public final class MoodleCompetencyCsvWriter {

    public static final String[] HEADERS = {"Parent ID number", "ID number", "Short name", "Description",
        "Description format", "Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)",
        "Rule config (optional)", "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework",
        "Taxonomy"};
    public static final String SCALE = "Not yet competent,Competent";
    /** Scale item 1 (Not yet competent) is the default; item 2 (Competent) is proficient. */
    public static final String SCALE_CONFIGURATION =
            "[{\"scaleid\":\"0\"},{\"id\":1,\"scaledefault\":1,\"proficient\":0},{\"id\":2,\"scaledefault\":0,\"proficient\":1}]";
    /** Level 1 units, level 2 elements or learning outcomes, level 3 criteria and range items. */
    public static final String TAXONOMIES = "domain,outcome,competency";
    private static final String PLAIN_TEXT = "2"; // Moodle FORMAT_PLAIN

    private MoodleCompetencyCsvWriter() {
    }

    public static String write(Framework framework) {
        Csv csv = new Csv(',').row(HEADERS);
        String frameworkId = framework.id().toString();
        csv.row("", frameworkId, shortName(framework.title()), framework.title() + " (version " + framework.version() + ")",
                PLAIN_TEXT, SCALE, SCALE_CONFIGURATION, "", "", "", "", "", "1", TAXONOMIES);
        for (Unit unit : framework.units()) {
            String unitId = unit.id().toString();
            competency(csv, frameworkId, unitId, unit.displayName(), unit.displayName());
            for (Element element : unit.elements()) {
                String elementId = element.id().toString();
                String title = element.title() == null ? element.code() : element.code() + " " + element.title();
                competency(csv, unitId, elementId, title, title);
                for (Criterion c : element.criteria()) {
                    competency(csv, elementId, c.id().toString(), c.code() + " " + c.statement(), c.statement());
                }
            }
            if (!unit.range().isEmpty()) {
                String coverId = unitId + "-range";
                competency(csv, unitId, coverId, unit.code() + " What you must cover", "What you must cover");
                for (RangeGroup group : unit.range()) {
                    for (RangeItem item : group.items()) {
                        competency(csv, coverId, item.id().toString(), unit.code() + " range " + item.code() + " "
                                + item.statement(), group.statement() + " " + item.statement());
                    }
                }
            }
        }
        return csv.toString();
    }

    private static void competency(Csv csv, String parent, String id, String shortName, String description) {
        csv.row(parent, id, shortName(shortName), description, PLAIN_TEXT, "", "", "", "", "", "", "", "", "");
    }

    /** Moodle keeps 100 characters of a short name; cut at a word and say so with an ellipsis. */
    static String shortName(String s) {
        if (s.length() <= 100) {
            return s;
        }
        int cut = s.lastIndexOf(' ', 98);
        return s.substring(0, cut > 50 ? cut : 98) + "\u2026";
    }
}
