package org.attest.tool.portfolio;

/** A learner's unit became complete: every rule holds and every signature is in place. */
public record UnitSignedOff(UnitProgress progress) {
}
