package org.attest.standards.write;

import java.util.ArrayList;
import java.util.List;
import org.attest.standards.Criterion;
import org.attest.standards.Element;
import org.attest.standards.Framework;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;

/**
 * Canvas outcomes CSV (Outcomes > Import): groups before their outcomes, {@code parent_guids}
 * space-separated, and the {@code ratings} column last, followed by one unnamed column per
 * rating value and description. Criteria use "highest": once competent, stays competent.
 */
public final class CanvasOutcomesCsvWriter {

    public static final List<String> HEADERS = List.of("vendor_guid", "object_type", "title", "description",
            "display_name", "calculation_method", "calculation_int", "parent_guids", "ratings", "", "", "");
    public static final List<String> RATINGS = List.of("1", "Competent", "0", "Not yet competent");

    private CanvasOutcomesCsvWriter() {
    }

    public static String write(Framework framework) {
        Csv csv = new Csv(',').row(HEADERS);
        String root = framework.id().toString();
        csv.row(group(root, framework.title(), framework.title() + " (version " + framework.version() + ")", ""));
        for (Unit unit : framework.units()) {
            String unitGuid = unit.id().toString();
            csv.row(group(unitGuid, unit.displayName(), unit.displayName(), root));
            for (Element element : unit.elements()) {
                String elementGuid = element.id().toString();
                String title = element.title() == null ? element.code() : element.code() + " " + element.title();
                csv.row(group(elementGuid, title, title, unitGuid));
                for (Criterion c : element.criteria()) {
                    csv.row(outcome(c.id().toString(), c.code() + " " + c.statement(), c.statement(), c.code(), elementGuid));
                }
            }
            if (!unit.range().isEmpty()) {
                String coverGuid = unitGuid + "-range";
                csv.row(group(coverGuid, unit.code() + " What you must cover", "What you must cover", unitGuid));
                for (RangeGroup group : unit.range()) {
                    for (RangeItem item : group.items()) {
                        csv.row(outcome(item.id().toString(), unit.code() + " range " + item.code() + " " + item.statement(),
                                group.statement() + " " + item.statement(), "Range " + item.code(), coverGuid));
                    }
                }
            }
        }
        return csv.toString();
    }

    private static List<String> group(String guid, String title, String description, String parents) {
        return List.of(guid, "group", title, description, "", "", "", parents, "", "", "", "");
    }

    private static List<String> outcome(String guid, String title, String description, String displayName, String parents) {
        List<String> row = new ArrayList<>(List.of(guid, "outcome", title, description, displayName, "highest", "", parents));
        row.addAll(RATINGS);
        return row;
    }
}
