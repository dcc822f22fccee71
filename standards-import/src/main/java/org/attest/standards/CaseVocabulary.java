package org.attest.standards;

import java.util.UUID;

/**
 * How Attest's model maps onto CASE 1.0 (documented in docs/case-mapping.md): item type titles,
 * and the {@code extensions.attest} object that carries what CASE has no field for (range,
 * evidence rules, assessment methods, recording forms). Other CASE consumers ignore the
 * extension; Attest reads it back so a package round-trips without loss.
 */
public final class CaseVocabulary {

    public static final String EXTENSION = "attest";
    public static final String UNIT = "Unit";
    public static final String ELEMENT = "Element";
    public static final String LEARNING_OUTCOME = "Learning Outcome";
    public static final String PERFORMANCE_CRITERION = "Performance Criterion";
    public static final String KNOWLEDGE_CRITERION = "Knowledge Criterion";
    public static final String ASSESSMENT_CRITERION = "Assessment Criterion";
    public static final String RANGE_STATEMENT = "Range Statement";
    public static final String RANGE_ITEM = "Range Item";
    public static final String IS_CHILD_OF = "isChildOf";

    private CaseVocabulary() {
    }

    public static String criterionType(CriterionKind kind) {
        return switch (kind) {
            case PERFORMANCE -> PERFORMANCE_CRITERION;
            case KNOWLEDGE -> KNOWLEDGE_CRITERION;
            case ASSESSMENT -> ASSESSMENT_CRITERION;
        };
    }

    public static String elementType(ElementKind kind) {
        return kind == ElementKind.ELEMENT ? ELEMENT : LEARNING_OUTCOME;
    }

    /** Item type definitions get stable ids too, so two exports of a framework are byte-identical. */
    public static UUID itemTypeId(String title) {
        return StableIds.nameBased(StableIds.ATTEST_NAMESPACE, "case-item-type:" + title);
    }

    /** The uri of a CASE object when no CASE provider URL is configured. */
    public static String uri(UUID id) {
        return "urn:uuid:" + id;
    }
}
