package org.attest.bench.portfolio;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Sends buffered rows to PostgreSQL with COPY, one statement (and transaction) per buffer, on one
 * background thread in the order given: the generator builds the next buffer while the server
 * loads the last, and rows that reference others (evidence to learner units, mappings to evidence)
 * arrive after them, so the schema's foreign keys hold throughout.
 */
final class Copier implements AutoCloseable {

    private static final int IN_FLIGHT = 3;

    private final CopyManager copy;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "copy-sender");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Future<?>> pending = new ArrayDeque<>();

    Copier(Connection db) throws SQLException {
        this.copy = db.unwrap(PGConnection.class).getCopyAPI();
    }

    void send(CopyRows rows) throws SQLException {
        if (rows.bufferedBytes() == 0) {
            return;
        }
        while (pending.size() >= IN_FLIGHT) {
            await(pending.removeFirst());
        }
        byte[] bytes = rows.take();
        pending.addLast(sender.submit(() -> {
            copy.copyIn(rows.sql, new ByteArrayInputStream(bytes));
            return null;
        }));
    }

    /** Waits until everything sent is loaded. */
    void finish() throws SQLException {
        while (!pending.isEmpty()) {
            await(pending.removeFirst());
        }
    }

    private static void await(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("COPY failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
