package org.attest.standards.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Criterion;
import org.attest.standards.CriterionKind;
import org.attest.standards.Element;
import org.attest.standards.ElementKind;
import org.attest.standards.EvidenceRequirements;
import org.attest.standards.EvidenceRules;
import org.attest.standards.RangeGroup;
import org.attest.standards.RangeItem;
import org.attest.standards.Unit;

/**
 * Collects one unit while a layout reads it, and reports what an admin should check: criteria
 * printed twice, two criteria with the same text, criteria whose element is not listed.
 */
final class UnitBuilder {

    static final class ElementDraft {
        final String code;
        String title;
        CriterionKind kind;
        final int line;
        final List<CriterionDraft> criteria = new ArrayList<>();

        ElementDraft(String code, String title, int line) {
            this.code = code;
            this.title = title;
            this.line = line;
        }
    }

    record CriterionDraft(String code, String statement, int line) {
    }

    private final Warnings warnings;
    private final ElementKind elementKind;
    String code;
    String title;
    Integer level;
    Integer credits;
    String aims;
    final Map<String, ElementDraft> elements = new LinkedHashMap<>();
    final List<RangeGroup> range = new ArrayList<>();
    final List<String> evidenceStatements = new ArrayList<>();
    final Set<AssessmentMethod> methods = new LinkedHashSet<>();
    private final Map<String, Integer> criterionLines = new HashMap<>();

    UnitBuilder(Warnings warnings, ElementKind elementKind) {
        this.warnings = warnings;
        this.elementKind = elementKind;
    }

    ElementDraft element(String elementCode, String elementTitle, int line) {
        ElementDraft e = elements.computeIfAbsent(elementCode, c -> new ElementDraft(c, null, line));
        if (e.title == null && elementTitle != null && !elementTitle.isBlank()) {
            e.title = elementTitle;
        }
        return e;
    }

    boolean hasElement(String elementCode) {
        return elements.containsKey(elementCode);
    }

    /** Adds a criterion unless its code was printed already (then warns and keeps the first). */
    void criterion(ElementDraft element, String criterionCode, String statement, int line) {
        Integer first = criterionLines.putIfAbsent(criterionCode, line);
        if (first != null) {
            warnings.add(line, "DUPLICATE_CODE", "criterion " + criterionCode + " is printed again here (first on line "
                    + first + "): kept the first; check the awarding body's document");
            return;
        }
        element.criteria.add(new CriterionDraft(criterionCode, statement, line));
    }

    int criterionCount() {
        return criterionLines.size();
    }

    void rangeGroup(String number, String statement, List<RangeItem> items) {
        range.add(new RangeGroup(null, number, statement, items));
    }

    /** Builds the unit (ids left empty) and warns about criteria with identical statements. */
    Unit build(CriterionKind defaultKind) {
        warnAboutIdenticalStatements();
        warnAboutCodesOutsideUnit();
        List<Element> built = new ArrayList<>();
        for (ElementDraft e : elements.values()) {
            if (e.criteria.isEmpty() && elementKind == ElementKind.ELEMENT) {
                warnings.add(e.line, "ELEMENT_WITHOUT_CRITERIA", "element " + e.code
                        + " is listed but no criteria for it were found: kept it empty; check the document");
            }
            CriterionKind kind = e.kind == null ? defaultKind : e.kind;
            List<Criterion> criteria = e.criteria.stream()
                    .map(c -> new Criterion(null, c.code, c.statement, kind))
                    .toList();
            built.add(new Element(null, e.code, e.title, elementKind, criteria));
        }
        EvidenceRequirements evidence = evidenceStatements.isEmpty()
                ? EvidenceRequirements.NONE
                : EvidenceRules.parse(evidenceStatements);
        return new Unit(null, code, title, level, credits, aims, built, range, evidence, List.copyOf(methods));
    }

    private void warnAboutCodesOutsideUnit() {
        for (ElementDraft e : elements.values()) {
            for (CriterionDraft c : e.criteria) {
                int dot = c.code.indexOf('.');
                boolean unitPrefixed = dot > 0 && c.code.indexOf('.', dot + 1) > 0;
                if (code != null && unitPrefixed && !c.code.substring(0, dot).equals(code)) {
                    warnings.add(c.line, "CODE_OUTSIDE_UNIT", "criterion " + c.code + " is printed inside Unit " + code
                            + ": kept under Unit " + code + " with its printed code; check the awarding body's document");
                }
            }
        }
    }

    private void warnAboutIdenticalStatements() {
        Map<String, CriterionDraft> byText = new HashMap<>();
        for (ElementDraft e : elements.values()) {
            for (CriterionDraft c : e.criteria) {
                String key = c.statement.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
                CriterionDraft earlier = byText.putIfAbsent(key, c);
                if (earlier != null) {
                    warnings.add(c.line, "DUPLICATE_STATEMENT", "criteria " + earlier.code + " and " + c.code
                            + (code == null ? "" : " in Unit " + code) + " have the same text (\"" + c.statement
                            + "\"): kept both; check the awarding body's document for the intended wording");
                }
            }
        }
    }
}
