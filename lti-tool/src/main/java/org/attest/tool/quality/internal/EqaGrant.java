package org.attest.tool.quality.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A centre's grant to an external verifier (EQA): who, for which awarding body, which qualification and units (none
 * listed: every unit), every learner unit of them in the centre or only a sampling plan's sample, and the days it
 * runs (both inclusive).
 */
public record EqaGrant(UUID id, UUID platformId, String name, String email, String awardingBody, UUID frameworkId,
        List<String> unitCodes, UUID planId, LocalDate startsOn, LocalDate endsOn, Instant linkIssuedAt,
        boolean linkUnused, int failedAttempts, Instant lockedAt, Instant revokedAt, String revokedBy, String createdBy,
        Instant createdAt) {

    /** Where a grant stands on a day. */
    public enum Status {
        NOT_STARTED("Not started"), ACTIVE("Active"), EXPIRED("Expired"), REVOKED("Revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The principal's subject for this grant's EQA: {@code eqa:{grantId}}. */
    public static final String SUBJECT_PREFIX = "eqa:";

    public EqaGrant {
        unitCodes = List.copyOf(unitCodes);
    }

    public Status status(LocalDate today) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (today.isBefore(startsOn)) {
            return Status.NOT_STARTED;
        }
        return today.isAfter(endsOn) ? Status.EXPIRED : Status.ACTIVE;
    }

    public boolean activeOn(LocalDate today) {
        return status(today) == Status.ACTIVE;
    }

    public boolean allUnits() {
        return unitCodes.isEmpty();
    }

    public boolean coversUnitCode(String unitCode) {
        return allUnits() || unitCodes.contains(unitCode);
    }

    public boolean sampleOnly() {
        return planId != null;
    }

    public boolean locked() {
        return lockedAt != null;
    }

    public String subject() {
        return SUBJECT_PREFIX + id;
    }
}
