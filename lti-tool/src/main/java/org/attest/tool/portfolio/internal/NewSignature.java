package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.util.UUID;

/** A signature as the rules accepted it, before it is stored; {@code typedName} is already stripped. */
public record NewSignature(UUID learnerUnitId, UnitSignature.Kind kind, String signerSubject, String signerName,
        String typedName, String statement, boolean needsCountersignature, Instant at) {
}
