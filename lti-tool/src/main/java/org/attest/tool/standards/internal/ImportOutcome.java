package org.attest.tool.standards.internal;

import java.util.List;
import java.util.UUID;
import org.attest.standards.ImportWarning;

/**
 * What importing a CASE package did.
 *
 * @param versionId the version now current: the new one, or for {@link Result#NO_CHANGE} the one that already had this content
 * @param version its label: the package's CASE version, with " (n)" added when an earlier version of the framework had that label
 * @param previousVersionId the version the new one replaced; {@code null} for a new framework and for no change
 * @param units how many units the version has
 * @param criteria how many criteria the version has
 * @param changes per criterion, against the previous version; empty for a new framework and for no change
 * @param warnings what the CASE reader asks the admin to check (orphan items, second parents, ...)
 */
public record ImportOutcome(Result result, UUID frameworkId, String title, UUID versionId, String version,
        UUID previousVersionId, int units, int criteria, List<CriterionChange> changes, List<ImportWarning> warnings) {

    public enum Result {
        /** A framework Attest did not have: its first version. */
        NEW_FRAMEWORK,
        /** A changed package of a framework Attest has: a new version, now current. */
        NEW_VERSION,
        /** The current version already has this content: nothing was stored. */
        NO_CHANGE
    }

    public ImportOutcome {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public List<CriterionChange> changes(CriterionChange.Kind kind) {
        return changes.stream().filter(c -> c.change() == kind).toList();
    }

    /** One sentence for the admin page, the API's {@code summary} and the CLI. */
    public String summary() {
        return switch (result) {
            case NEW_FRAMEWORK -> "Imported " + title + ", version " + quoted(version) + ": a new framework with "
                    + count(units, "unit") + " and " + count(criteria, "criterion") + ".";
            case NEW_VERSION -> "Imported version " + quoted(version) + " of " + title + ", now current: "
                    + count(changes(CriterionChange.Kind.CHANGED).size(), "criterion") + " changed, "
                    + changes(CriterionChange.Kind.ADDED).size() + " added, "
                    + changes(CriterionChange.Kind.REMOVED).size() + " removed.";
            case NO_CHANGE -> "No change: the current version " + quoted(version) + " of " + title
                    + " already has this content.";
        };
    }

    private static String quoted(String label) {
        return "'" + label + "'";
    }

    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.equals("criterion") ? "criteria" : noun + "s");
    }
}
