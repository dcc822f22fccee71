package org.attest.tool.portfolio.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.AdminScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only, hash-chained record of every evidence change, mapping, decision and signature.
 *
 * <p><b>Appending.</b> {@link #append} must run inside the transaction that makes the change it
 * records, so the change and its audit row commit or roll back together. It locks the one
 * {@code audit_head} row ({@code SELECT ... FOR UPDATE}), which serializes appenders on every
 * replica, writes row {@code last_seq + 1} and moves the head. The lock is held until the caller's
 * transaction ends, so append as the last step of a transaction.
 *
 * <p><b>The hash</b> (so an auditor can recompute it). Row {@code n}'s {@code prev_hash} is row
 * {@code n-1}'s {@code hash}; row 1's is 64 zeros. {@code hash} is the lower-case hex SHA-256 of the
 * UTF-8 bytes of this JSON object, with no whitespace and the keys in this (alphabetical) order:
 * <pre>
 * {"action":"DECISION_RECORDED","actor":"sub-123","actorName":"Ann Assessor","contextId":"course-7",
 *  "deploymentId":"1","detail":"{\"criterion\":\"224.1.1\",\"outcome\":\"MET\"}",
 *  "occurredAt":"2025-03-04T09:15:02.123400Z","platformId":"0b6f…","prevHash":"9c1e…","seq":17,
 *  "subjectId":"5d2a…"}
 * </pre>
 * <ul>
 * <li>{@code seq} is a JSON integer; every other field is a JSON string, or {@code null} when the
 * column is null.</li>
 * <li>{@code occurredAt} is the instant in UTC as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, always six
 * fractional digits (the column stores whole microseconds on H2 and PostgreSQL alike).</li>
 * <li>UUIDs are lower-case 8-4-4-4-12; {@code action}, {@code actor}, {@code prevHash} etc. are the
 * column text as stored.</li>
 * <li>{@code detail} is the stored {@code detail} column text (itself canonical JSON, see below)
 * embedded as a JSON <em>string</em>, not as an object.</li>
 * <li>Strings escape only {@code "} and {@code \} (as {@code \"} and {@code \\}) and characters
 * below U+0020 ({@code \b \f \n \r \t}, others {@code \}{@code u00xx} with lower-case hex); all other
 * characters appear as themselves. This is RFC 8785's rule, and what Python's
 * {@code json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} produces.</li>
 * </ul>
 * The {@code detail} column is written the same way: keys sorted, no whitespace, numbers as plain
 * decimals without exponent or trailing fractional zeros, UUIDs/enums/dates as strings, sets sorted.
 * The hash covers the detail text exactly as stored, so checking a row never re-parses it.
 *
 * <p><b>Verifying</b> ({@link #verify}) walks the rows in sequence order a page at a time and
 * reports missing rows, rows whose hash does not match their contents, broken links, and a head that
 * does not point at the last row. The operator's check reports on the whole installation; a
 * centre's ({@link #verify(AdminScope)}) checks the whole chain too, since its records hang on it,
 * but counts and lists only the centre's own rows, and says of problems elsewhere only that there are some.
 */
@Service
public class AuditTrail {

    static final int PROBLEMS_LISTED = 100;
    /** What a centre is told when the chain is broken outside its own rows: that it is, and whom to ask. */
    static final String ELSEWHERE = "the chain is broken outside this centre's records (rows may have been deleted or "
            + "changed; a deleted row may have been this centre's): ask the operator, whose check lists where";
    private static final int PAGE = 500;
    private static final int MAX_DETAIL = 100_000;
    private static final String COLUMNS = "seq, occurred_at, platform_id, deployment_id, context_id, actor, actor_name, action, "
            + "subject_id, detail, prev_hash, hash";
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends the entry as the next row of the chain, in the caller's transaction (the use case's
     * {@code PortfolioChanges.inTransaction}). It never opens one of its own: an append that did would
     * commit on its own, recording a change that may then roll back (or the change without its
     * record), so a caller that forgot its transaction is refused instead.
     *
     * @throws IllegalTransactionStateException when no transaction is active; nothing is recorded
     * @throws IllegalArgumentException when the detail holds a value that has no canonical JSON form, or is too large
     */
    public void append(AuditEntry entry) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("the audit entry for " + entry.action() + " was appended outside a "
                    + "transaction; append it in the transaction of the change it records (PortfolioChanges.inTransaction)");
        }
        String detail = CanonicalJson.write(entry.detail());
        if (detail.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("audit detail for " + entry.action() + " is " + detail.length()
                    + " characters of JSON, more than the " + MAX_DETAIL + " the trail stores; record ids, not contents");
        }
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).optional()
                .orElseThrow(() -> new IllegalStateException("the audit_head row is missing; restore it (see docs/admin.md, "
                        + "Audit trail) before anything more can be recorded"));
        // Read the clock while holding the lock, so occurred_at never goes backwards along the chain.
        AuditRow row = new AuditRow(head.lastSeq() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS), entry.platformId(),
                entry.deploymentId(), entry.contextId(), entry.actor(), entry.actorName(), entry.action().name(),
                entry.subjectId(), detail, head.lastHash(), null).withHash();
        jdbc.sql("INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.seq(), OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC), row.platformId(),
                        row.deploymentId(), row.contextId(), row.actor(), row.actorName(), row.action(), row.subjectId(),
                        row.detail(), row.prevHash(), row.hash())
                .update();
        jdbc.sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(row.seq(), row.hash()).update();
    }

    /** The events about one subject (e.g. a learner's unit), oldest first; read by the tests only so far, so package-private. */
    List<AuditRecord> forSubject(UUID subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE subject_id = ? ORDER BY seq").param(subjectId)
                .query(AuditTrail::row).list().stream().map(AuditTrail::record).toList();
    }

    /**
     * Hands each stored event about one subject to {@code line}, oldest first, a page at a time, as one line of
     * canonical JSON: the fields the hash is taken over (see above) plus {@code "hash"}. Removing {@code hash} from a
     * line and writing the rest canonically gives the exact bytes whose SHA-256 is that hash.
     */
    public void forEachLineAbout(UUID subjectId, java.util.function.Consumer<String> line) {
        long after = 0;
        while (true) {
            List<AuditRow> page = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE subject_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                    .params(subjectId, after, PAGE).query(AuditTrail::row).list();
            for (AuditRow row : page) {
                line.accept(row.storedLine());
                after = row.seq();
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** The chain's head as it stands: the last row's sequence number and hash (0 and 64 zeros when empty). */
    public ChainHead chainHead() {
        return head().map(h -> new ChainHead(h.lastSeq(), h.lastHash())).orElse(new ChainHead(0, AuditRow.GENESIS_HASH));
    }

    /** The last row of the chain when it was read. */
    public record ChainHead(long seq, String hash) {
    }

    /** Checks the whole chain and reports on the whole installation: the operator's check and the command's. */
    public AuditVerification verify() {
        return verify(AdminScope.TOOL);
    }

    /**
     * Checks the whole chain, reading it a page at a time, and reports what concerns this scope: for
     * the operator everything; for a centre its own rows (how many, their problems, its latest row), and
     * only that there are problems elsewhere, if there are, without saying where or whose.
     */
    public AuditVerification verify(AdminScope scope) {
        Optional<Head> head = head();
        AuditFindings findings = new AuditFindings(scope);
        if (head.isEmpty()) {
            findings.add(null, "the audit_head row is missing, so nothing more can be recorded until it is restored");
        }
        // Rows above the head as read now belong to appends that committed since; they are checked next time.
        long upTo = head.map(Head::lastSeq).orElse(Long.MAX_VALUE);
        long expected = 1;
        String previousHash = AuditRow.GENESIS_HASH;
        while (true) {
            List<AuditRow> page = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")
                    .params(expected, upTo, PAGE).query(AuditTrail::row).list();
            for (AuditRow row : page) {
                check(row, expected, previousHash, findings);
                findings.checked(row);
                expected = row.seq() + 1;
                previousHash = row.hash();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        long lastRow = expected - 1;
        String lastRowHash = previousHash;
        head.ifPresent(h -> checkHead(h, lastRow, lastRowHash, findings));
        checkNothingBeyondHead(findings);
        return findings.report(head.map(Head::lastSeq).orElse(lastRow), head.map(Head::lastHash).orElse(previousHash),
                clock.instant());
    }

    private static void check(AuditRow row, long expected, String previousHash, AuditFindings findings) {
        if (row.seq() > expected) {
            findings.add(expected, row.seq() - 1 == expected ? "row " + expected + " missing"
                    : "rows " + expected + "-" + (row.seq() - 1) + " missing");
        } else if (!row.prevHash().equals(previousHash)) {
            // After missing rows the link cannot match; the gap is the finding.
            findings.add(row, row.seq() == 1 ? "row 1: prev_hash is not the genesis hash (64 zeros)"
                    : "row " + row.seq() + ": prev_hash does not match row " + (row.seq() - 1),
                    "row " + row.seq() + ": prev_hash does not match the row before it");
            return;
        }
        if (!row.computedHash().equals(row.hash())) {
            String problem = "row " + row.seq() + ": hash does not match its contents";
            findings.add(row, problem, problem);
        }
    }

    private static void checkHead(Head head, long lastRow, String lastRowHash, AuditFindings findings) {
        if (head.lastSeq() != lastRow) {
            findings.add(Math.min(head.lastSeq(), lastRow) + 1, "head points at " + head.lastSeq() + " but "
                    + (lastRow == 0 ? "there are no rows" : "the last row is " + lastRow));
        } else if (!head.lastHash().equals(lastRowHash)) {
            findings.add(lastRow == 0 ? null : lastRow, lastRow == 0
                    ? "head hash is not the genesis hash (64 zeros), but there are no rows"
                    : "head hash does not match row " + lastRow);
        }
    }

    /**
     * A row above the head is found by reading the highest seq and then the head again: the head
     * only grows, and it moves in the transaction that inserts the row, so a row the first read saw
     * is covered by the second unless it really lies beyond the head.
     */
    private void checkNothingBeyondHead(AuditFindings findings) {
        Long highest = jdbc.sql("SELECT MAX(seq) FROM audit_event").query(Long.class).optional().orElse(null);
        Optional<Head> head = head();
        if (highest != null && head.isPresent() && highest > head.get().lastSeq()) {
            findings.add(head.get().lastSeq() + 1, "head points at " + head.get().lastSeq() + " but the last row is " + highest);
        }
    }

    private Optional<Head> head() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash"))).optional();
    }

    static AuditRow row(ResultSet rs, int n) throws SQLException {
        return new AuditRow(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("platform_id", UUID.class), rs.getString("deployment_id"), rs.getString("context_id"),
                rs.getString("actor"), rs.getString("actor_name"), rs.getString("action"), rs.getObject("subject_id", UUID.class),
                rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static AuditRecord record(AuditRow row) {
        Map<String, Object> detail = JSON.readValue(row.detail(), new TypeReference<Map<String, Object>>() {
        });
        return new AuditRecord(row.seq(), row.occurredAt(), row.platformId(), row.deploymentId(), row.contextId(), row.actor(),
                row.actorName(), AuditAction.valueOf(row.action()), row.subjectId(), detail, row.prevHash(), row.hash());
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
