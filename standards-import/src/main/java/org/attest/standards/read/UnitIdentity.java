package org.attest.standards.read;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.StandardsImportException;

/**
 * Fills in a unit's number and title when the document does not print them: from the admin's
 * options, then the criterion codes, then the file name ("unit-301-principles-of-service.pdf"),
 * each with a warning saying where they came from.
 */
final class UnitIdentity {

    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|.*[^a-z])unit[\\s_-]*(\\d{1,4})(?:[\\s_-]+(.+))?");

    private UnitIdentity() {
    }

    static void resolve(UnitBuilder unit, int headerLine, Map<String, Integer> criterionPrefixes, String fileName,
            ImportOptions options, Warnings warnings) throws StandardsImportException {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        Matcher fromName = FILE_NAME.matcher(base);
        boolean nameHasUnit = fromName.matches();
        if (options.unitCode() != null) {
            if (unit.code != null && !unit.code.equals(options.unitCode())) {
                warnings.add(headerLine, "UNIT_CODE_OVERRIDDEN", "the document prints Unit " + unit.code
                        + "; using Unit " + options.unitCode() + " as given by --unit-code");
            }
            unit.code = options.unitCode();
        } else if (unit.code == null && !criterionPrefixes.isEmpty()) {
            unit.code = criterionPrefixes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            warnings.add(0, "UNIT_CODE_FROM_CRITERIA", "no unit heading (\"Unit " + unit.code
                    + " ...\") was found: the unit number " + unit.code + " is taken from the criterion codes");
        } else if (unit.code == null && nameHasUnit) {
            unit.code = fromName.group(1);
            warnings.add(0, "UNIT_CODE_FROM_FILE_NAME", "the document prints no unit number: Unit " + unit.code
                    + " is taken from the file name; give --unit-code if that is wrong");
        } else if (unit.code == null) {
            throw new StandardsImportException(fileName, 0, "the document prints no unit number and none can be taken "
                    + "from its file name: give one with --unit-code (for example --unit-code 301)");
        }
        if (options.unitTitle() != null) {
            unit.title = options.unitTitle();
        } else if (unit.title == null && nameHasUnit && fromName.group(2) != null) {
            unit.title = TextCleaner.sentenceCase(fromName.group(2).replaceAll("[_-]+", " ").trim());
            String t = unit.title;
            unit.title = Character.toUpperCase(t.charAt(0)) + t.substring(1);
            warnings.add(0, "UNIT_TITLE_FROM_FILE_NAME", "the document prints no unit title: \"" + unit.title
                    + "\" is taken from the file name; give --unit-title if that is wrong");
        } else if (unit.title == null) {
            warnings.add(0, "UNIT_TITLE_MISSING", "the document prints no title for Unit " + unit.code
                    + ": the unit is imported without one; give it with --unit-title \"...\"");
        }
    }
}
