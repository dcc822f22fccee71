package org.attest.standards.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.CriterionKind;
import org.attest.standards.ElementKind;
import org.attest.standards.RecordingForm;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.WitnessStatus;

/**
 * The recording-forms appendix of a qualification handbook: "Appendix 1 Unit recording forms"
 * (one grid per unit: Standards, U/K, Evidence Requirements, Location ref, then one row per
 * criterion, repeated at each page break) and "Appendix 2 General recording documents"
 * (assessment report, action plan, observation record, witness status list, expert witness).
 *
 * <p>The forms do not say which criteria are knowledge; they import as performance criteria,
 * so the stricter evidence rules apply until the unit's own document is imported.
 */
final class RecordingFormsLayout implements Layout {

    private static final Pattern UNIT = Pattern.compile("(?i)unit\\s+(\\d{2,4})\\b\\s*(.*)");
    private static final Pattern CRITERION = Pattern.compile("(\\d{2,4})\\.(\\d{1,2})\\.(\\d{1,2})\\s+(\\S.*)");
    private static final Pattern QUALIFICATION = Pattern.compile("(?i)level\\s+\\d+\\s+\\S*\\s*(?:n/?s?vq|nvq|svq|diploma|certificate)\\b.*");
    private static final Pattern WITNESS_CATEGORY = Pattern.compile("(\\d)\\.\\s+(\\S.*)");
    private static final Set<String> GRID_FURNITURE = Set.of(
            "standards", "u/k", "evidence requirements", "location ref", "location ref:", "location", "ref:", "ref",
            "assessor signature", "print name", "date completed", "internal verifier signature", "date verified",
            "sampled by internal verifier: yes/no");

    @Override
    public String description() {
        return "qualification recording forms: \"Appendix 1 Unit recording forms\" grids (Standards, U/K, "
                + "Evidence Requirements, Location ref) and \"Appendix 2 General recording documents\"";
    }

    @Override
    public boolean recognises(DocumentText text) {
        String all = text.lowerCaseText();
        return all.contains("unit recording forms")
                || (all.contains("\nstandards\nu/k\n") && all.contains("evidence requirements"));
    }

    @Override
    public DocumentContent read(DocumentText text, ImportOptions options, Warnings warnings) throws StandardsImportException {
        List<TextLine> lines = text.lines();
        int appendix2 = appendix2Start(lines);
        Map<String, UnitBuilder> units = readUnitGrids(lines.subList(0, appendix2), warnings);
        if (units.isEmpty()) {
            throw new StandardsImportException(text.name(), 0, "looks like recording forms but no unit grid with coded "
                    + "criteria (\"Unit 101 ...\" followed by rows such as \"101.1.1 ...\") was found");
        }
        List<Unit> built = new ArrayList<>();
        for (UnitBuilder u : units.values()) {
            if (u.criterionCount() == 0) {
                warnings.add(0, "UNIT_WITHOUT_CRITERIA", "Unit " + u.code + " has a recording form but no criteria "
                        + "rows were found: imported without criteria; check the document");
            }
            built.add(u.build(CriterionKind.PERFORMANCE));
        }
        GeneralForms general = readGeneralForms(lines.subList(appendix2, lines.size()));
        return new DocumentContent(built, general.qualification, List.copyOf(general.methods), general.forms,
                general.witnessStatuses);
    }

    private static int appendix2Start(List<TextLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().toLowerCase(Locale.ROOT).startsWith("appendix 2")) {
                return i;
            }
        }
        return lines.size();
    }

    private static Map<String, UnitBuilder> readUnitGrids(List<TextLine> lines, Warnings warnings) {
        Map<String, UnitBuilder> units = new LinkedHashMap<>();
        UnitBuilder current = null;
        boolean expectTitle = false;
        UnitBuilder.ElementDraft element = null;
        String lastCode = null;
        StringBuilder statement = null;
        int statementLine = 0;
        for (TextLine line : lines) {
            String t = line.text();
            if (t.isEmpty() || isGridFurniture(t)) {
                continue;
            }
            Matcher m = UNIT.matcher(t);
            if (m.matches()) {
                flush(current, element, lastCode, statement, statementLine);
                statement = null;
                String code = m.group(1);
                current = units.computeIfAbsent(code, c -> {
                    UnitBuilder u = new UnitBuilder(warnings, ElementKind.ELEMENT);
                    u.code = c;
                    return u;
                });
                String title = m.group(2).trim();
                if (current.title == null && !title.isEmpty()) {
                    current.title = title;
                }
                expectTitle = title.isEmpty();
                continue;
            }
            if (current == null) {
                continue;
            }
            m = CRITERION.matcher(t);
            if (m.matches()) {
                flush(current, element, lastCode, statement, statementLine);
                expectTitle = false;
                // A code printed in another unit's grid stays where it is printed, under that unit's element.
                element = current.element(current.code + "." + m.group(2), null, line.number());
                lastCode = m.group(1) + "." + m.group(2) + "." + m.group(3);
                statement = new StringBuilder(m.group(4));
                statementLine = line.number();
                continue;
            }
            if (expectTitle) {
                if (current.title == null) {
                    current.title = t; // "Unit 105" / "Provide customer service within the rules"
                }
                expectTitle = false;
                continue;
            }
            if (statement != null && Character.isLowerCase(t.codePointAt(0))) {
                statement.append(' ').append(t); // a criterion wrapped onto the next line
            } else if (!isColumnHeader(t)) {
                flush(current, element, lastCode, statement, statementLine);
                statement = null;
            }
        }
        flush(current, element, lastCode, statement, statementLine);
        return units;
    }

    private static void flush(UnitBuilder unit, UnitBuilder.ElementDraft element, String code, StringBuilder statement,
            int line) {
        if (unit != null && statement != null) {
            unit.criterion(element, code, TextCleaner.tidy(statement.toString()), line);
        }
    }

    private static boolean isGridFurniture(String t) {
        return GRID_FURNITURE.contains(t.toLowerCase(Locale.ROOT)) || isColumnHeader(t);
    }

    /** The grid's column letters and numbers ("a" … "o", "1" … "8"). */
    private static boolean isColumnHeader(String t) {
        return t.length() <= 2 && (t.chars().allMatch(Character::isDigit) || (t.length() == 1 && Character.isLowerCase(t.charAt(0))));
    }

    private static final class GeneralForms {
        String qualification;
        final Set<AssessmentMethod> methods = new LinkedHashSet<>();
        final List<RecordingForm> forms = new ArrayList<>();
        final List<WitnessStatus> witnessStatuses = new ArrayList<>();
    }

    /**
     * Appendix 2: a form starts at an unindented title followed by the qualification line or by
     * the first box of its table (indented with a space and a tab); boxes are tab-indented.
     */
    private static GeneralForms readGeneralForms(List<TextLine> lines) {
        GeneralForms general = new GeneralForms();
        List<TextLine> body = lines.stream().filter(l -> !l.isBlank()).toList();
        String title = null;
        String qualification = null;
        List<String> fields = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> formIndex = new LinkedHashMap<>();
        boolean methodList = false;
        boolean witnessCategories = false;
        for (int i = 1; i < body.size(); i++) {
            TextLine line = body.get(i);
            String t = line.text();
            boolean box = line.raw().startsWith("\t") || line.raw().startsWith(" \t");
            TextLine next = i + 1 < body.size() ? body.get(i + 1) : null;
            if (!box && isFormTitle(t, next)) {
                addForm(general, formIndex, title, qualification, fields, notes);
                title = t;
                qualification = null;
                fields = new ArrayList<>();
                notes = new ArrayList<>();
                methodList = false;
                witnessCategories = false;
                continue;
            }
            if (title == null) {
                continue;
            }
            if (!box && QUALIFICATION.matcher(t).matches()) {
                qualification = t;
                if (general.qualification == null) {
                    general.qualification = t;
                }
                continue;
            }
            if (box) {
                if (methodList) {
                    AssessmentMethod.fromName(t).ifPresentOrElse(general.methods::add, () -> { });
                }
                fields.add(t);
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            Matcher category = WITNESS_CATEGORY.matcher(t);
            if (lower.startsWith("witness status categories")) {
                witnessCategories = true;
            } else if (witnessCategories && category.matches()) {
                general.witnessStatuses.add(new WitnessStatus(Integer.parseInt(category.group(1)), category.group(2).trim()));
            } else if (!fields.isEmpty() && body.get(i - 1).raw().endsWith(" ") && Character.isLowerCase(t.codePointAt(0))) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + " " + t); // a box label over several lines
            } else {
                methodList = lower.startsWith("evidences assessed by") || lower.startsWith("evidence assessed by");
                witnessCategories = false;
                notes.add(t);
            }
        }
        addForm(general, formIndex, title, qualification, fields, notes);
        return general;
    }

    private static boolean isFormTitle(String t, TextLine next) {
        if (next == null || t.endsWith(".") || t.split(" ").length > 8 || !Character.isUpperCase(t.codePointAt(0))) {
            return false;
        }
        return QUALIFICATION.matcher(next.text()).matches() || next.raw().startsWith(" \t");
    }

    private static void addForm(GeneralForms general, Map<String, Integer> formIndex, String title, String qualification,
            List<String> fields, List<String> notes) {
        if (title == null) {
            return;
        }
        String base = title.replaceFirst("(?i)\\s*\\(continued\\)$", "");
        Integer existing = formIndex.get(base.toLowerCase(Locale.ROOT));
        if (existing != null) { // "Witness status list (continued)" adds to the form it continues
            RecordingForm earlier = general.forms.get(existing);
            List<String> allFields = new ArrayList<>(earlier.fields());
            fields.stream().filter(f -> !allFields.contains(f)).forEach(allFields::add);
            List<String> allNotes = new ArrayList<>(earlier.notes());
            notes.stream().filter(n -> !allNotes.contains(n)).forEach(allNotes::add);
            general.forms.set(existing, new RecordingForm(earlier.title(), earlier.qualification(), allFields, allNotes));
            return;
        }
        formIndex.put(base.toLowerCase(Locale.ROOT), general.forms.size());
        general.forms.add(new RecordingForm(base, qualification, fields, notes));
    }
}
