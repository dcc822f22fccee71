package org.attest.tool.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;
import org.attest.standards.Unit;

/**
 * A learner's unit as its recording form prints it: the unit's standards in the version the learner is assessed
 * against, the assessed evidence with what the assessor confirmed it proves, and the signatures in force.
 *
 * @param evidence the current evidence with at least one mapping the assessor confirmed, numbered as the coverage matrix
 *        numbers it (E1 is the matrix's column 1)
 * @param declaration the learner's declaration, or null when not signed
 * @param signOff the assessor's sign-off, or null when not signed off
 * @param countersignature a qualified assessor's countersignature of the sign-off, or null
 */
public record UnitRecord(LearnerUnit learnerUnit, Unit unit, List<AssessedEvidence> evidence, Signature declaration,
        Signature signOff, Signature countersignature) {

    public UnitRecord {
        evidence = List.copyOf(evidence);
    }

    /** The assessed evidence an assessor confirmed for this criterion or range item, in evidence order. */
    public List<AssessedEvidence> evidenceFor(UUID itemId) {
        return evidence.stream().filter(e -> e.confirmed().stream().anyMatch(m -> m.itemId().equals(itemId))).toList();
    }

    /**
     * One piece of assessed evidence.
     *
     * @param number its place in the learner unit's evidence (the coverage matrix's column), the reference "E{number}"
     * @param location where the learner says the original is kept (a workplace file, a drawer), or null
     * @param confirmed the criteria and range items an assessor confirmed it proves or covers
     */
    public record AssessedEvidence(UUID id, int number, String title, LocalDate occasionDate, List<AssessmentMethod> methods,
            boolean simulated, String location, List<ConfirmedMapping> confirmed) {

        public AssessedEvidence {
            methods = List.copyOf(methods);
            confirmed = List.copyOf(confirmed);
        }

        /** The reference the recording form and the coverage matrix give it. */
        public String reference() {
            return "E" + number;
        }
    }

    /** A criterion or range item (its code: "224.1.1", "1a") an assessor confirmed, by whom and when. */
    public record ConfirmedMapping(UUID itemId, String code, String reviewedByName, Instant reviewedAt) {
    }

    /**
     * A signature: the signer's name from their launch, the name they typed as intent, and when.
     */
    public record Signature(String signerName, String typedName, Instant signedAt) {
    }
}
