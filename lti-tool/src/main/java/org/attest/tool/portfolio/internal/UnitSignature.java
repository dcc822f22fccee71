package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A signature on a learner's unit: the learner's declaration, the assessor's sign-off, or a qualified
 * assessor's countersignature of an unqualified assessor's sign-off. Signed by typed name.
 */
public record UnitSignature(UUID id, UUID learnerUnitId, Kind kind, String signerSubject, String signerName,
        String typedName, String statement, boolean needsCountersignature, Instant signedAt) {

    public enum Kind {
        DECLARATION,
        SIGN_OFF,
        SIGN_OFF_COUNTERSIGNATURE
    }
}
