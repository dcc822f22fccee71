package org.attest.standards.read;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.CriterionKind;
import org.attest.standards.ElementKind;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;

/**
 * The RQF/QCF unit layout: "Learning outcomes — The learner will:" numbered 1..n beside
 * "Assessment criteria — The learner can:" numbered 1.1, 1.2, ...; "Level: 2", "Credit value: 5",
 * "Aims", and "Evidence requirements" numbered with lettered sub-items. Tables extracted from
 * PDF or DOCX may put an outcome and its first criteria on one line; both orders are read.
 */
final class RqfUnitLayout implements Layout {

    private enum Section { HEADER, AIMS, OUTCOMES, EVIDENCE, OTHER }

    private static final Pattern UNIT_HEADER = Pattern.compile("(?i)unit\\s+(\\d{1,4})\\s*[:.\\-\\u2013]?\\s*(.*)");
    private static final Pattern TITLE = Pattern.compile("(?i)(?:unit\\s+)?title\\s*:\\s*(\\S.*)");
    private static final Pattern UNIT_NUMBER = Pattern.compile("(?i)unit\\s+(?:number|no\\.?)\\s*:\\s*(\\d{1,4})\\b.*");
    private static final Pattern LEVEL = Pattern.compile("(?i)level\\s*:\\s*(\\d{1,2})\\b.*");
    private static final Pattern CREDITS = Pattern.compile("(?i)credit\\s*(?:value)?\\s*:\\s*(\\d{1,3})\\b.*");
    private static final Pattern AIMS = Pattern.compile("(?i)(?:unit\\s+)?aims?\\s*(?::\\s*(.*))?");
    private static final Pattern OUTCOME = Pattern.compile("(\\d{1,2})\\.?\\s+([A-Za-z].*)");
    private static final Pattern CRITERION = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.?\\s+(\\S.*)");
    private static final Pattern INLINE_CRITERION = Pattern.compile("\\s(?=\\d{1,2}\\.\\d{1,2}\\.?\\s+[A-Za-z])");
    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,2})[.)]?\\s+(\\S.*)");
    private static final Pattern LETTERED = Pattern.compile("\\(?([a-z])[.)]\\s*(\\S.*)");

    @Override
    public String description() {
        return "RQF/QCF unit: \"Learning outcomes - The learner will:\" numbered 1..n with \"Assessment criteria - "
                + "The learner can:\" numbered 1.1, 1.2, ... (text, markdown, PDF or DOCX)";
    }

    @Override
    public boolean recognises(DocumentText text) {
        String all = text.lowerCaseText();
        return (all.contains("learning outcome") && all.contains("assessment criteri"))
                || (all.contains("the learner will") && all.contains("the learner can"));
    }

    @Override
    public DocumentContent read(DocumentText text, ImportOptions options, Warnings warnings) throws StandardsImportException {
        UnitBuilder unit = new UnitBuilder(warnings, ElementKind.LEARNING_OUTCOME);
        Section section = Section.HEADER;
        UnitBuilder.ElementDraft outcome = null;
        int headerLine = 0;
        String[] criterion = null;
        for (TextLine line : text.lines()) {
            String t = line.text();
            if (t.isEmpty()) {
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT).replaceAll("[:.]+$", "");
            Matcher m;
            if (lower.startsWith("learning outcome") || lower.startsWith("assessment criteri")
                    || lower.equals("the learner will") || lower.equals("the learner can")) {
                section = Section.OUTCOMES;
                continue;
            }
            if (lower.startsWith("evidence requirement")) {
                section = Section.EVIDENCE;
                continue;
            }
            if (section == Section.HEADER || section == Section.AIMS) {
                if ((m = UNIT_NUMBER.matcher(t)).matches()) {
                    unit.code = m.group(1);
                    headerLine = line.number();
                    continue;
                }
                if ((m = TITLE.matcher(t)).matches()) {
                    unit.title = m.group(1).trim();
                    continue;
                }
                if ((m = UNIT_HEADER.matcher(t)).matches() && unit.code == null) {
                    unit.code = m.group(1);
                    headerLine = line.number();
                    if (!m.group(2).isBlank() && unit.title == null) {
                        unit.title = TextCleaner.sentenceCase(m.group(2).trim());
                    }
                    continue;
                }
            }
            if ((m = LEVEL.matcher(t)).matches()) {
                unit.level = Integer.valueOf(m.group(1));
                continue;
            }
            if ((m = CREDITS.matcher(t)).matches()) {
                unit.credits = Integer.valueOf(m.group(1));
                continue;
            }
            if (section == Section.HEADER && (m = AIMS.matcher(t)).matches()) {
                section = Section.AIMS;
                unit.aims = m.group(1) == null || m.group(1).isBlank() ? null : m.group(1).trim();
                continue;
            }
            switch (section) {
                case AIMS -> unit.aims = unit.aims == null ? t : TextCleaner.tidy(unit.aims + " " + t);
                case OUTCOMES -> {
                    for (String part : INLINE_CRITERION.split(t)) {
                        Matcher c = CRITERION.matcher(part);
                        Matcher o = OUTCOME.matcher(part);
                        if (c.matches()) {
                            flushCriterion(unit, outcome, criterion);
                            String loCode = c.group(1);
                            outcome = unit.element(loCode, null, line.number());
                            criterion = new String[] {loCode + "." + c.group(2), c.group(3), String.valueOf(line.number())};
                        } else if (o.matches() && !o.group(2).isBlank()) {
                            flushCriterion(unit, outcome, criterion);
                            criterion = null;
                            outcome = unit.element(o.group(1), o.group(2).trim(), line.number());
                        } else if (criterion != null) {
                            criterion[1] = criterion[1] + " " + part;
                        } else if (outcome != null && outcome.title != null && outcome.criteria.isEmpty()) {
                            outcome.title = TextCleaner.tidy(outcome.title + " " + part);
                        }
                    }
                }
                case EVIDENCE -> {
                    Matcher n = NUMBERED.matcher(t);
                    Matcher l = LETTERED.matcher(t);
                    if (n.matches()) {
                        unit.evidenceStatements.add(n.group(2));
                    } else if (l.matches() && !unit.evidenceStatements.isEmpty()) {
                        appendToLastStatement(unit, "(" + l.group(1) + ") " + l.group(2));
                    } else if (!unit.evidenceStatements.isEmpty()) {
                        appendToLastStatement(unit, t);
                    } else {
                        unit.evidenceStatements.add(t);
                    }
                }
                default -> { }
            }
        }
        flushCriterion(unit, outcome, criterion);
        if (unit.criterionCount() == 0) {
            throw new StandardsImportException(text.name(), 0, "looks like an RQF unit (it has \"Learning outcomes\" and "
                    + "\"Assessment criteria\") but no numbered criteria such as \"1.1 Describe ...\" were found");
        }
        for (UnitBuilder.ElementDraft e : unit.elements.values()) {
            if (e.title == null) {
                warnings.add(e.line, "MISSING_ELEMENT", "assessment criteria " + e.code + ".x have no learning outcome "
                        + e.code + " printed beside them: added the outcome without a title; check the document");
            }
        }
        UnitIdentity.resolve(unit, headerLine, new HashMap<>(), text.name(), options, warnings);
        Unit built = unit.build(CriterionKind.ASSESSMENT);
        return DocumentContent.ofUnits(List.of(built));
    }

    private static void flushCriterion(UnitBuilder unit, UnitBuilder.ElementDraft outcome, String[] criterion) {
        if (criterion != null && outcome != null) {
            unit.criterion(outcome, criterion[0], TextCleaner.tidy(criterion[1]), Integer.parseInt(criterion[2]));
        }
    }

    private static void appendToLastStatement(UnitBuilder unit, String text) {
        int last = unit.evidenceStatements.size() - 1;
        unit.evidenceStatements.set(last, TextCleaner.tidy(unit.evidenceStatements.get(last) + " " + text));
    }
}
