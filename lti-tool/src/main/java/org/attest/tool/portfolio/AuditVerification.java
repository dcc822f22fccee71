package org.attest.tool.portfolio;

import java.time.Instant;
import java.util.List;

/**
 * What {@link AuditTrail#verify()} found.
 *
 * @param intact every row is present, matches its hash and links to the one before, and the head points at the last
 * @param summary one sentence saying so, or naming the first problem
 * @param rowsChecked rows read and checked
 * @param lastSeq the head's sequence number (0 for an empty trail)
 * @param lastHash the head's hash; write it down elsewhere to detect a later rewrite of the whole chain
 * @param firstBrokenSeq the lowest sequence number with a problem, or null when intact
 * @param problems one sentence per problem in sequence order ("row 17: hash does not match its contents"), at most
 *     {@value AuditTrail#PROBLEMS_LISTED}
 * @param problemCount how many problems were found in all
 * @param checkedAt when the check finished
 */
public record AuditVerification(boolean intact, String summary, long rowsChecked, long lastSeq, String lastHash,
        Long firstBrokenSeq, List<String> problems, int problemCount, Instant checkedAt) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }
}
