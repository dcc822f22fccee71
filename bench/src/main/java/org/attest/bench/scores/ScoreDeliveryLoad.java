package org.attest.bench.scores;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import org.attest.bench.launch.BenchProcess;

/**
 * Score delivery benchmark (docs/benchmarks.md, "Score delivery"): a played platform answers every
 * score after a fixed latency (20 ms by default) and counts token requests; this driver puts N
 * scores for N learners into the running tool's outbox, all due at one moment, and times how long
 * the tool takes to deliver them. Checks that every score arrived once. Run by bench/score-delivery.sh. The platform
 * is a {@link PlayedGradebook}, the scores go in through {@link Outbox}.
 *
 * <p>Options: --jdbc URL --db-user U --db-password P --scores N (10000) --latency-ms L (20) --port P (18191)
 */
public final class ScoreDeliveryLoad {

    private ScoreDeliveryLoad() {
    }

    public static void main(String[] args) throws Exception {
        String jdbc = option(args, "--jdbc", null);
        String user = option(args, "--db-user", "attest");
        String password = option(args, "--db-password", "attest");
        int scores = Integer.parseInt(option(args, "--scores", "10000"));
        int latency = Integer.parseInt(option(args, "--latency-ms", "20"));
        int port = Integer.parseInt(option(args, "--port", "18191"));
        String tool = option(args, "--tool", "http://127.0.0.1:18190");
        if (jdbc == null) {
            throw new IllegalArgumentException("--jdbc is required: the tool's database URL");
        }
        ScheduledExecutorService limit = BenchProcess.timeLimit("ScoreDeliveryLoad", 600);
        boolean passed;
        try (PlayedGradebook lms = new PlayedGradebook(port, latency)) {
            BenchProcess.awaitTool(tool, Duration.ofSeconds(120));
            try (Connection db = DriverManager.getConnection(jdbc, user, password)) {
                passed = run(db, lms, scores, latency);
            }
        } finally {
            limit.shutdownNow();
        }
        if (!passed) {
            System.exit(1);
        }
    }

    private static boolean run(Connection db, PlayedGradebook lms, int scores, int latency) throws SQLException, InterruptedException {
        Outbox outbox = new Outbox(db, lms.base(), "Played platform (" + latency + " ms per score)");
        // A cold tool first: its JIT and connection pools warm on scores that are not timed.
        int warmUp = Math.min(2_000, scores);
        outbox.queue("warm-up-", warmUp, Instant.now());
        outbox.awaitDelivered(warmUp, 300);
        lms.resetTimings();
        // All due at one moment a few seconds ahead, so the clock starts when the tool may begin.
        Instant due = Instant.now().plusSeconds(3);
        outbox.queue("learner-", scores, due);
        System.out.printf("queued %,d scores for %,d learners, due at %s; platform latency %d ms per score%n",
                scores, scores, due, latency);
        long delivered = outbox.awaitDelivered(warmUp + scores, 300) - warmUp;
        double fromDue = Duration.between(due, outbox.lastFinished()).toMillis() / 1000.0;
        double firstToLast = lms.firstToLastNanos() / 1e9;
        System.out.printf("delivered %,d of %,d (failed %,d); score POSTs received %,d, sent twice %,d%n",
                delivered, scores, outbox.count("FAILED"), lms.scorePosts(), lms.sentTwice());
        System.out.printf("due -> last delivered: %.2f s (%.0f scores/s); first -> last POST at the platform: %.2f s%n",
                fromDue, delivered / fromDue, firstToLast);
        System.out.printf("token requests (warm-up included): %d; most scores in flight at once: %d%n", lms.tokenRequests(),
                lms.mostInFlight());
        return delivered == scores && lms.sentTwice() == 0;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
