package org.attest.tool.portfolio.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attest.tool.lti.AdminScope;

/**
 * The problems found so far, in sequence order; the first {@value AuditTrail#PROBLEMS_LISTED} are kept. For a
 * centre, only problems in its own rows are kept; the others (other centres' and the operator's rows,
 * missing rows, the head) are counted as one problem "elsewhere", named without detail.
 */
final class AuditFindings {
    private final AdminScope scope;
    private final List<String> problems = new ArrayList<>();
    private int count;
    private Long firstBrokenSeq;
    private boolean elsewhere;
    private long rowsChecked;
    private long lastOwnSeq;
    private String lastOwnHash = AuditRow.GENESIS_HASH;

    AuditFindings(AdminScope scope) {
        this.scope = scope;
    }

    void checked(AuditRow row) {
        if (concerns(row)) {
            rowsChecked++;
            lastOwnSeq = row.seq();
            lastOwnHash = row.hash();
        }
    }

    /** A problem that belongs to no row that exists: missing rows, the head. */
    void add(Long seq, String problem) {
        if (scope.isTool()) {
            keep(seq, problem);
        } else {
            elsewhere = true;
        }
    }

    /** A problem in one row: the operator's wording, and a centre's, which names no other row. */
    void add(AuditRow row, String problem, String centreProblem) {
        if (scope.isTool()) {
            keep(row.seq(), problem);
        } else if (concerns(row)) {
            keep(row.seq(), centreProblem);
        } else {
            elsewhere = true;
        }
    }

    private boolean concerns(AuditRow row) {
        return scope.isTool() || scope.platformId().equals(row.platformId());
    }

    private void keep(Long seq, String problem) {
        count++;
        if (problems.size() < AuditTrail.PROBLEMS_LISTED) {
            problems.add(problem);
        }
        if (seq != null && (firstBrokenSeq == null || seq < firstBrokenSeq)) {
            firstBrokenSeq = seq;
        }
    }

    AuditVerification report(long headSeq, String headHash, Instant checkedAt) {
        if (elsewhere) {
            count++;
            if (problems.size() < AuditTrail.PROBLEMS_LISTED) {
                problems.add(AuditTrail.ELSEWHERE);
            }
        }
        String rows = rowsChecked + (rowsChecked == 1 ? " row" : " rows") + " checked";
        long lastSeq = scope.isTool() ? headSeq : lastOwnSeq;
        String lastHash = scope.isTool() ? headHash : lastOwnHash;
        String trail = scope.isTool() ? "Audit trail" : "Audit trail of this centre's records";
        String summary = count == 0
                ? trail + " intact: " + rows + ", " + (scope.isTool() ? "head at row " : "latest at row ") + lastSeq
                        + " with hash " + lastHash + "."
                : trail + " BROKEN: " + problems.get(0) + " (" + rows + ", " + count
                        + (count == 1 ? " problem" : " problems") + " found).";
        return new AuditVerification(count == 0, summary, rowsChecked, lastSeq, lastHash, firstBrokenSeq, problems, count,
                checkedAt);
    }
}
