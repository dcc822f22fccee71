package org.attest.tool.portfolio.internal.files;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.attest.tool.portfolio.StoredFileReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes stored evidence files that no row refers to and that are older than {@code attest.files.orphan-sweep.grace}:
 * those a crash or a lost database connection left between the store's put and the transaction's commit, or whose
 * delete failed after their row went. A file is kept while {@code evidence_file} or another module
 * ({@link StoredFileReferences}) refers to it. One replica sweeps per interval: it claims the run in
 * {@code evidence_file_sweep}.
 */
@Component
public class EvidenceFileSweep {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFileSweep.class);

    private final FileStore store;
    private final JdbcClient jdbc;
    private final List<StoredFileReferences> otherReferences;
    private final SweepProperties properties;
    private final Clock clock;
    private final String replica = ManagementFactory.getRuntimeMXBean().getName();

    EvidenceFileSweep(FileStore store, JdbcClient jdbc, List<StoredFileReferences> otherReferences,
            SweepProperties properties, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.otherReferences = otherReferences;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Swept(int looked, int deleted) {
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void sweepWhenDue() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (!claim(now)) {
            return;
        }
        try {
            Swept swept = sweep(now);
            log.info("Evidence file sweep: {} files older than {} looked at, {} that no row refers to deleted",
                    swept.looked(), properties.grace(), swept.deleted());
        } catch (RuntimeException e) {
            log.warn("The evidence file sweep broke off; the next one carries on: {}", e.toString());
        }
    }

    /** Whether this replica sweeps now: one UPDATE decides, the one that moves the next run an interval forward. */
    public boolean claim(Instant now) {
        // To the millisecond, as the databases round finer times: a run due at an instant is due at that instant.
        Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return jdbc.sql("UPDATE evidence_file_sweep SET next_run_at = ?, claimed_by = ? WHERE id = 1 AND next_run_at <= ?")
                .params(Timestamp.from(at.plus(properties.interval())), replica, Timestamp.from(at)).update() == 1;
    }

    /** Deletes the files written before {@code now} minus the grace period that no row refers to. */
    public Swept sweep(Instant now) {
        Instant cutoff = now.minus(properties.grace());
        int looked = 0;
        int deleted = 0;
        try (Stream<FileStore.Entry> entries = store.entries()) {
            for (FileStore.Entry entry : (Iterable<FileStore.Entry>) entries::iterator) {
                if (!entry.written().isBefore(cutoff)) {
                    continue;
                }
                looked++;
                if (referenced(entry.key())) {
                    continue;
                }
                store.delete(entry.key());
                deleted++;
                log.info("Deleted evidence file {} (written {}): no row refers to it", entry.key(), entry.written());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The evidence file sweep could not read the store", e);
        }
        return new Swept(looked, deleted);
    }

    private boolean referenced(String key) {
        boolean evidence = jdbc.sql("SELECT COUNT(*) FROM evidence_file WHERE storage_key = ?").param(key)
                .query(Long.class).single() > 0;
        return evidence || otherReferences.stream().anyMatch(r -> r.references(key));
    }
}
