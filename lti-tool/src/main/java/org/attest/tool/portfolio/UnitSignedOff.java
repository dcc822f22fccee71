package org.attest.tool.portfolio;

import java.util.UUID;

/** A learner's unit became complete: every rule holds and every signature is in place. */
public record UnitSignedOff(UUID learnerUnitId) {
}
