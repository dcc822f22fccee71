package org.attest.tool.portfolio;

/** An assessor decided, withdrew or countersigned a criterion decision; {@code progress} is where the unit stands now. */
public record DecisionRecorded(UnitProgress progress) {
}
