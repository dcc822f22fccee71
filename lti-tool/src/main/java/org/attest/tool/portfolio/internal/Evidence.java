package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.AssessmentMethod;

/**
 * One version of a piece of evidence. Versions of the same piece share a lineage; only the current
 * version counts towards completion.
 *
 * @param status SUBMITTED until an assessor has looked at it, then ASSESSED (and frozen: edits make a new version)
 * @param customerReference who the customer was, anonymised ("Customer 14, order 5531")
 * @param customerDescriptor how the customer stood ("new to the online service", "familiar with it", ...)
 * @param gradebookTask the assessment task whose LMS grade this evidence records, written by Attest; null for the learner's own
 */
public record Evidence(UUID id, UUID learnerUnitId, UUID lineageId, int version, boolean current, Status status,
        String title, String account, LocalDate occasionDate, Set<AssessmentMethod> methods, String customerReference,
        String customerDescriptor, boolean simulated, String location, Witness witness, String createdBy,
        Instant createdAt, Instant updatedAt, List<EvidenceFile> files, List<Mapping> mappings, UUID gradebookTask) {

    public enum Status {
        SUBMITTED,
        ASSESSED
    }

    public Evidence {
        methods = Set.copyOf(methods);
        files = List.copyOf(files);
        mappings = List.copyOf(mappings);
    }

    /** Methods in the order the awarding body lists them, for display. */
    public List<AssessmentMethod> methodList() {
        return methods.stream().sorted().toList();
    }

    /** Attest wrote it from an LMS grade: it changes when the grade changes, never by hand. */
    public boolean fromGradebook() {
        return gradebookTask != null;
    }

    public boolean hasClaims() {
        return mappings.stream().anyMatch(m -> m.status() == MappingStatus.CLAIMED);
    }

    /** The same evidence with these files and mappings: as read with its parts, or as a review would leave it. */
    public Evidence withParts(List<EvidenceFile> files, List<Mapping> mappings) {
        return new Evidence(id, learnerUnitId, lineageId, version, current, status, title, account, occasionDate, methods,
                customerReference, customerDescriptor, simulated, location, witness, createdBy, createdAt, updatedAt, files,
                mappings, gradebookTask);
    }

    /**
     * A witness statement: who saw the work, how they stand, and their signature by typed name and date.
     *
     * @param status the witness status category (1 to 5) from the qualification's recording forms
     * @param confirmedName the name the witness typed when they confirmed the statement through a one-time link; null
     *     until they do
     * @param confirmedAt when they confirmed it
     */
    public record Witness(String name, String contact, Integer status, String relationship, String signedName,
            LocalDate signedOn, String confirmedName, Instant confirmedAt) {

        /** A witness as the learner enters it: not confirmed by the witness themself yet. */
        public Witness(String name, String contact, Integer status, String relationship, String signedName,
                LocalDate signedOn) {
            this(name, contact, status, relationship, signedName, signedOn, null, null);
        }

        /** The witness confirmed this version themself, through a one-time link (module witnesses). */
        public boolean confirmed() {
            return confirmedAt != null;
        }

        public boolean present() {
            return name != null && !name.isBlank();
        }
    }

    /** A file attached to evidence; the content type is the one sniffed from its bytes. */
    public record EvidenceFile(UUID id, UUID evidenceId, String storageKey, String fileName, String contentType,
            long sizeBytes, String sha256, Instant uploadedAt) {
    }

    /** Evidence mapped to a criterion or range item. */
    public record Mapping(UUID itemId, ItemKind kind, String code, MappingStatus status, String reviewedByName,
            Instant reviewedAt) {
    }

    public enum ItemKind {
        CRITERION,
        RANGE
    }
}
