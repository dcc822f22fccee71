package org.attest.tool.standards.internal;

import java.util.UUID;

/**
 * How one criterion differs between a framework version and the one it replaced, matched by the
 * criterion's stable id.
 *
 * @param oldStatement the statement before; {@code null} for {@link Kind#ADDED}
 * @param newStatement the statement now; {@code null} for {@link Kind#REMOVED}
 */
public record CriterionChange(UUID criterionId, String unitCode, String criterionCode, Kind change, String oldStatement,
        String newStatement) {

    public enum Kind {
        /** In the new version only. */
        ADDED,
        /** In both, with another statement or kind (performance, knowledge, assessment). */
        CHANGED,
        /** In the old version only. */
        REMOVED
    }
}
