package org.attest.tool.portfolio;

import java.util.List;
import java.util.UUID;

/**
 * Where one learner's unit stands right after a change, with everything a listener in another module needs to act on
 * it (the gradebook turns it into a score) without calling back into the portfolio.
 *
 * @param learnerSubject the learner's LMS user id ({@code sub})
 * @param claimsWaiting mappings the learner claimed that no assessor has looked at yet
 * @param complete every rule holds and every signature is in place
 * @param boundResourceLinks the LMS activities of the course bound to this unit (their grade columns), possibly none
 */
public record UnitProgress(UUID learnerUnitId, Course course, String learnerSubject, UUID frameworkId, String unitCode,
        int criteriaMet, int criteriaTotal, int claimsWaiting, boolean complete, List<String> boundResourceLinks) {

    public UnitProgress {
        boundResourceLinks = List.copyOf(boundResourceLinks);
    }

    /** Criteria met out of 100, rounded down. */
    public int percent() {
        return criteriaTotal == 0 ? 0 : criteriaMet * 100 / criteriaTotal;
    }
}
