package org.attest.tool.portfolio.audit;

import java.time.Instant;
import java.util.List;

/**
 * What {@link AuditTrail#verify()} found; for a centre ({@link AuditTrail#verify(org.attest.tool.lti.AdminScope)}),
 * what it found in the centre's own rows, with problems elsewhere in the chain as one problem that names nothing.
 *
 * @param intact every row is present, matches its hash and links to the one before, and the head points at the last
 * @param summary one sentence saying so, or naming the first problem
 * @param rowsChecked rows read and checked (for a centre, its own rows)
 * @param lastSeq the head's sequence number (0 for an empty trail); for a centre, its latest row's (0 for none)
 * @param lastHash the head's hash; write it down elsewhere to detect a later rewrite of the whole chain. For a
 *     centre, its latest row's hash, which covers every row before it too
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
