package org.attest.tool.portfolio.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.attest.tool.IntegrationTest;
import org.attest.tool.portfolio.internal.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail on the real database: concurrent appends, transactions, and tampering found by verify(). */
class AuditTrailTest extends IntegrationTest {

    static final UUID PLATFORM = UUID.randomUUID();

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    /** Other tests share this database; each test starts from, and leaves, an empty intact chain. */
    @BeforeEach
    @AfterEach
    void emptyChain() {
        emptyAuditTrail(jdbc);
    }

    static void emptyAuditTrail(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM audit_event").update();
        jdbc.sql("UPDATE audit_head SET last_seq = 0, last_hash = ? WHERE id = 1").param(AuditRow.GENESIS_HASH).update();
    }

    static AuditEntry entry(UUID subject, AuditAction action, Map<String, Object> detail) {
        return new AuditEntry(PLATFORM, "1", "course-7", "sub-assessor", "Ann Assessor", action, subject, detail);
    }

    void appendCommitted(int count) {
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < count; i++) {
                trail.append(entry(UUID.randomUUID(), AuditAction.EVIDENCE_ADDED, Map.of("n", i)));
            }
        });
    }

    @Test
    void concurrentAppendsFromFourThreadsFormAGapFreeIntactChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<Void>> appenders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            appenders.add(() -> {
                for (int i = 0; i < 50; i++) {
                    int n = i;
                    transactions.executeWithoutResult(tx -> trail.append(
                            entry(UUID.randomUUID(), AuditAction.EVIDENCE_ADDED, Map.of("thread", thread, "n", n))));
                }
                return null;
            });
        }

        try {
            for (Future<Void> done : threads.invokeAll(appenders)) {
                done.get();
            }
        } finally {
            threads.shutdown();
        }

        List<Long> seqs = jdbc.sql("SELECT seq FROM audit_event ORDER BY seq").query(Long.class).list();
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
        AuditVerification verification = trail.verify();
        assertThat(verification.intact()).as(verification.summary()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(200);
        assertThat(verification.lastSeq()).isEqualTo(200);
        assertThat(verification.firstBrokenSeq()).isNull();
        assertThat(verification.summary()).startsWith("Audit trail intact: 200 rows checked, head at row 200 with hash ");
    }

    @Test
    void emptyTrailIsIntact() {
        AuditVerification verification = trail.verify();

        assertThat(verification.intact()).isTrue();
        assertThat(verification.rowsChecked()).isZero();
        assertThat(verification.lastHash()).isEqualTo(AuditRow.GENESIS_HASH);
    }

    @Test
    void appendOutsideATransactionIsRefusedAndRecordsNothing() {
        assertThatThrownBy(() -> trail.append(entry(UUID.randomUUID(), AuditAction.EVIDENCE_ADDED, Map.of())))
                .isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("append it in the transaction of the change it records");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isZero();
    }

    @Test
    void rolledBackTransactionLeavesNoRowAndTheChainIntact() {
        appendCommitted(2);

        transactions.executeWithoutResult(tx -> {
            trail.append(entry(UUID.randomUUID(), AuditAction.DECISION_RECORDED, Map.of("outcome", Outcome.MET)));
            tx.setRollbackOnly();
        });
        appendCommitted(1);

        assertThat(jdbc.sql("SELECT seq FROM audit_event ORDER BY seq").query(Long.class).list()).containsExactly(1L, 2L, 3L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'DECISION_RECORDED'").query(Long.class).single()).isZero();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void detailWithoutACanonicalFormIsRefusedAndRecordsNothing() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx ->
                trail.append(entry(UUID.randomUUID(), AuditAction.EVIDENCE_ADDED, Map.of("file", new File("a.pdf"))))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'detail.file' is a java.io.File");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single()).isZero();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void forSubjectListsThatSubjectsEventsInOrderWithTheirFacts() {
        UUID unit = UUID.randomUUID();
        UUID evidence = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> {
            trail.append(entry(unit, AuditAction.EVIDENCE_ADDED, Map.of("evidence", evidence, "title", "Observation 1")));
            trail.append(entry(UUID.randomUUID(), AuditAction.EVIDENCE_ADDED, Map.of()));
            trail.append(entry(unit, AuditAction.DECISION_RECORDED, Map.of("criterion", "224.1.1", "outcome", Outcome.MET)));
        });

        List<AuditRecord> events = trail.forSubject(unit);

        assertThat(events).extracting(AuditRecord::seq).containsExactly(1L, 3L);
        assertThat(events).extracting(AuditRecord::action).containsExactly(AuditAction.EVIDENCE_ADDED, AuditAction.DECISION_RECORDED);
        assertThat(events.get(0).detail()).containsEntry("evidence", evidence.toString()).containsEntry("title", "Observation 1");
        assertThat(events.get(1).detail()).containsEntry("outcome", "MET");
        assertThat(events.get(1).prevHash()).isEqualTo(jdbc.sql("SELECT hash FROM audit_event WHERE seq = 2").query(String.class).single());
        assertThat(events.get(0).platformId()).isEqualTo(PLATFORM);
        assertThat(events.get(0).actorName()).isEqualTo("Ann Assessor");
    }

    @Test
    void editedDetailIsReportedAtItsRow() {
        appendCommitted(5);

        jdbc.sql("UPDATE audit_event SET detail = '{\"n\":99}' WHERE seq = 3").update();

        assertBroken(3, "row 3: hash does not match its contents");
    }

    @Test
    void changedOccurredAtIsReportedAtItsRow() {
        appendCommitted(5);
        OffsetDateTime at = jdbc.sql("SELECT occurred_at FROM audit_event WHERE seq = 2").query(OffsetDateTime.class).single();

        jdbc.sql("UPDATE audit_event SET occurred_at = ? WHERE seq = 2").param(at.minusSeconds(1)).update();

        assertBroken(2, "row 2: hash does not match its contents");
    }

    @Test
    void changedPrevHashIsReportedAsABrokenLink() {
        appendCommitted(5);

        jdbc.sql("UPDATE audit_event SET prev_hash = ? WHERE seq = 4").param("f".repeat(64)).update();

        assertBroken(4, "row 4: prev_hash does not match row 3");
    }

    @Test
    void rowRewrittenWithAFreshHashBreaksTheLinkFromTheNextRow() {
        appendCommitted(5);
        AuditRow original = jdbc.sql("SELECT * FROM audit_event WHERE seq = 2").query(AuditTrail::row).single();
        AuditRow forged = new AuditRow(2, original.occurredAt(), original.platformId(), original.deploymentId(), original.contextId(),
                original.actor(), original.actorName(), original.action(), original.subjectId(), "{\"n\":42}", original.prevHash(), null)
                .withHash();

        jdbc.sql("UPDATE audit_event SET detail = ?, hash = ? WHERE seq = 2").params(forged.detail(), forged.hash()).update();

        assertBroken(3, "row 3: prev_hash does not match row 2");
    }

    @Test
    void deletedRowsAreReportedAsMissing() {
        appendCommitted(8);

        jdbc.sql("DELETE FROM audit_event WHERE seq BETWEEN 3 AND 5").update();

        assertBroken(3, "rows 3-5 missing");
        assertThat(trail.verify().rowsChecked()).isEqualTo(5);
    }

    @Test
    void oneDeletedRowIsNamed() {
        appendCommitted(3);

        jdbc.sql("DELETE FROM audit_event WHERE seq = 1").update();

        assertBroken(1, "row 1 missing");
    }

    @Test
    void deletedLastRowLeavesTheHeadPointingPastTheEnd() {
        appendCommitted(5);

        jdbc.sql("DELETE FROM audit_event WHERE seq = 5").update();

        assertBroken(5, "head points at 5 but the last row is 4");
    }

    @Test
    void headMovedBackIsReported() {
        appendCommitted(5);
        String hashOfFour = jdbc.sql("SELECT hash FROM audit_event WHERE seq = 4").query(String.class).single();

        jdbc.sql("UPDATE audit_head SET last_seq = 4, last_hash = ? WHERE id = 1").param(hashOfFour).update();

        assertBroken(5, "head points at 4 but the last row is 5");
    }

    @Test
    void headHashThatIsNotTheLastRowsIsReported() {
        appendCommitted(2);

        jdbc.sql("UPDATE audit_head SET last_hash = ? WHERE id = 1").param("e".repeat(64)).update();

        assertBroken(2, "head hash does not match row 2");
    }

    @Test
    void longChainsAreCheckedAcrossPages() {
        appendCommitted(1_100);

        jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 1050").update();

        assertBroken(1050, "row 1050: hash does not match its contents");
        assertThat(trail.verify().rowsChecked()).isEqualTo(1_100);
    }

    @Test
    void everyProblemIsListedInSequenceOrder() {
        appendCommitted(10);

        jdbc.sql("UPDATE audit_event SET detail = '{}' WHERE seq IN (2, 7)").update();
        jdbc.sql("DELETE FROM audit_event WHERE seq = 5").update();

        AuditVerification verification = trail.verify();
        assertThat(verification.problems()).containsExactly("row 2: hash does not match its contents", "row 5 missing",
                "row 7: hash does not match its contents");
        assertThat(verification.problemCount()).isEqualTo(3);
        assertThat(verification.summary()).isEqualTo(
                "Audit trail BROKEN: row 2: hash does not match its contents (9 rows checked, 3 problems found).");
    }

    @Test
    void appendingAfterTheTrailWasRepairedContinuesTheChain() {
        appendCommitted(3);
        String detail = jdbc.sql("SELECT detail FROM audit_event WHERE seq = 2").query(String.class).single();
        jdbc.sql("UPDATE audit_event SET detail = '{}' WHERE seq = 2").update();
        assertThat(trail.verify().intact()).isFalse();

        jdbc.sql("UPDATE audit_event SET detail = ? WHERE seq = 2").param(detail).update();
        appendCommitted(1);

        assertThat(trail.verify().intact()).isTrue();
        assertThat(trail.verify().lastSeq()).isEqualTo(4);
    }

    private void assertBroken(long seq, String problem) {
        AuditVerification verification = trail.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(seq);
        assertThat(verification.problems()).first().isEqualTo(problem);
        assertThat(verification.summary()).startsWith("Audit trail BROKEN: " + problem);
    }
}
