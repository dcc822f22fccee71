package org.attest.standards;

import java.util.UUID;

/**
 * One thing a learner must do, know or be able to show ("224.1.1 ensure that you are up to date
 * with the online services that your customers use").
 *
 * @param code the human code as printed ("224.1.1", RQF "1.1")
 * @param statement the statement as printed, with line breaks and page furniture removed
 */
public record Criterion(UUID id, String code, String statement, CriterionKind kind) {

    public Criterion withId(UUID newId) {
        return new Criterion(newId, code, statement, kind);
    }
}
