package org.attest.tool.records.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One version of a record about a learner's unit, with its signatures.
 *
 * @param evidenceId the evidence (method O or Q) this version wrote into the portfolio when the assessor signed; null
 *     before, and for kinds that write none
 * @param linkedEvidence for a plan: the evidence linked to it as fulfilling it (ids, any version of the plan)
 */
public record AssessorRecord(UUID id, UUID lineageId, int version, RecordKind kind, UUID learnerUnitId, String learnerName,
        String unitCode, String assessorSubject, String assessorName, RecordContent content, LocalDate dueOn,
        UUID evidenceId, Instant supersededAt, Instant createdAt, Instant updatedAt, List<Signature> signatures,
        List<UUID> linkedEvidence) {

    public AssessorRecord {
        signatures = List.copyOf(signatures);
        linkedEvidence = List.copyOf(linkedEvidence);
    }

    /** A signature on this version. */
    public record Signature(SignerRole role, String signerSubject, String signerName, String typedName, Instant signedAt) {
    }

    public boolean superseded() {
        return supersededAt != null;
    }

    /** No one has signed this version: it may still be edited in place. */
    public boolean draft() {
        return signatures.isEmpty();
    }

    /** Every signature the kind needs is on this version. */
    public boolean complete() {
        return kind.signers().stream().allMatch(r -> signature(r).isPresent());
    }

    public Optional<Signature> signature(SignerRole role) {
        return signatures.stream().filter(s -> s.role() == role).findFirst();
    }

    /** "Draft", "Signed by the assessor; waiting for the candidate", "Signed", "Superseded by a later version". */
    public String state() {
        if (superseded()) {
            return "Superseded by a later version";
        }
        if (draft()) {
            return "Draft: not signed yet";
        }
        if (complete()) {
            return "Signed";
        }
        return kind.signers().stream().filter(r -> signature(r).isEmpty()).map(r -> "waiting for the " + r.label() + "'s signature")
                .findFirst().map(w -> "Signed in part: " + w).orElse("Signed");
    }

    /** A plan that is current, has no evidence linked as fulfilling it and is past its due date. */
    public boolean overdue(LocalDate today) {
        return kind == RecordKind.ASSESSMENT_PLAN && !superseded() && linkedEvidence.isEmpty() && dueOn != null
                && dueOn.isBefore(today);
    }

    /** A plan is fulfilled once evidence is linked to it. */
    public boolean fulfilled() {
        return !linkedEvidence.isEmpty();
    }
}
