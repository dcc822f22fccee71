package org.attest.standards;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One unit of a qualification ("Unit 224 Support customers using online customer services").
 *
 * @param code the unit number as printed ("224")
 * @param title the title in sentence case; {@code null} when the document does not print one
 * @param level the qualification level, or {@code null} when not printed
 * @param credits the credit value, or {@code null} when not printed
 * @param aims the unit's aims, or {@code null}
 * @param elements the elements (NVQ) or learning outcomes (RQF), each holding its criteria
 * @param range what the learner must cover, in groups ("1 customers who are: a new, b familiar")
 * @param evidence the evidence requirements as printed, with the rules parsed from them
 * @param methods the assessment methods the unit's key lists
 */
public record Unit(
        UUID id,
        String code,
        String title,
        Integer level,
        Integer credits,
        String aims,
        List<Element> elements,
        List<RangeGroup> range,
        EvidenceRequirements evidence,
        List<AssessmentMethod> methods) {

    public Unit {
        elements = List.copyOf(elements);
        range = List.copyOf(range);
        methods = List.copyOf(methods);
        if (evidence == null) {
            evidence = EvidenceRequirements.NONE;
        }
    }

    public Stream<Criterion> criteria() {
        return elements.stream().flatMap(e -> e.criteria().stream());
    }

    public Stream<RangeItem> rangeItems() {
        return range.stream().flatMap(g -> g.items().stream());
    }

    public Optional<Criterion> criterion(String code) {
        return criteria().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<Element> element(String code) {
        return elements.stream().filter(e -> e.code().equals(code)).findFirst();
    }

    /** "Unit 224 Support customers ..." or "Unit 224" when the title is unknown. */
    public String displayName() {
        return title == null ? "Unit " + code : "Unit " + code + " " + title;
    }

    public Unit withId(UUID newId) {
        return new Unit(newId, code, title, level, credits, aims, elements, range, evidence, methods);
    }

    public Unit withTitle(String newTitle) {
        return new Unit(id, code, newTitle, level, credits, aims, elements, range, evidence, methods);
    }

    public Unit withCode(String newCode) {
        return new Unit(id, newCode, title, level, credits, aims, elements, range, evidence, methods);
    }

    public Unit withParts(List<Element> newElements, List<RangeGroup> newRange) {
        return new Unit(id, code, title, level, credits, aims, newElements, newRange, evidence, methods);
    }
}
