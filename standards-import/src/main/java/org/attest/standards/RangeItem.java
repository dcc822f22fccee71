package org.attest.standards;

import java.util.UUID;

/**
 * One item a learner must cover ("1a new to the use of online services for this particular
 * purpose").
 *
 * @param group the group number ("1")
 * @param letter the item letter ("a")
 */
public record RangeItem(UUID id, String group, String letter, String statement) {

    /** The code assessors write on recording forms: "1a". */
    public String code() {
        return group + letter;
    }

    public RangeItem withId(UUID newId) {
        return new RangeItem(newId, group, letter, statement);
    }
}
