package org.attest.tool.portfolio;

/**
 * An internal verifier placed a hold on a learner's unit ({@code held}: they did not agree, and the unit's sign-off is
 * withdrawn) or released it; {@code progress} says where the unit now stands, never complete while held.
 */
public record QualityHoldChanged(UnitProgress progress, boolean held) {
}
