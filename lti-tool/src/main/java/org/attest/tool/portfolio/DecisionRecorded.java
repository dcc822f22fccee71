package org.attest.tool.portfolio;

import java.util.UUID;

/** An assessor decided, withdrew or countersigned a criterion decision: progress may have changed. */
public record DecisionRecorded(UUID learnerUnitId, int criteriaMet, int criteriaTotal) {
}
