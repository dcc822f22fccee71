package org.attest.standards;

import java.util.List;

/**
 * A unit's evidence requirements: the statements as printed and the rules Attest enforces,
 * parsed from them by {@link EvidenceRules#parse(List)}.
 *
 * @param statements the requirements as printed, one per numbered note or paragraph
 * @param simulation what the unit says about simulated evidence
 * @param realWorkRequired evidence must come from a real job with real customers
 * @param minimumOccasions how many distinct occasions the evidence must come from (1 when not stated)
 * @param differentCustomersRequired evidence must involve different customers
 */
public record EvidenceRequirements(
        List<String> statements,
        SimulationRule simulation,
        boolean realWorkRequired,
        int minimumOccasions,
        boolean differentCustomersRequired) {

    public static final EvidenceRequirements NONE =
            new EvidenceRequirements(List.of(), SimulationRule.NOT_STATED, false, 1, false);

    public EvidenceRequirements {
        statements = List.copyOf(statements);
        if (minimumOccasions < 1) {
            throw new IllegalArgumentException("minimumOccasions must be at least 1, was " + minimumOccasions);
        }
    }

    /** Whether simulated evidence may count towards a criterion of this kind. */
    public boolean allowsSimulationFor(CriterionKind kind) {
        return switch (simulation) {
            case NOT_ALLOWED -> false;
            case NOT_ALLOWED_FOR_PERFORMANCE -> kind != CriterionKind.PERFORMANCE;
            case ALLOWED, NOT_STATED -> true;
        };
    }
}
