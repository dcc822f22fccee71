package org.attest.bench.scores;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.bench.launch.BenchProcess;

/**
 * Score delivery benchmark (docs/benchmarks.md, "Score delivery"): a played platform answers every
 * score after a fixed latency (20 ms by default) and counts token requests; this driver puts N
 * scores for N learners into the running tool's outbox, all due at one moment, and times how long
 * the tool takes to deliver them. Checks that every score arrived once. Run by bench/score-delivery.sh.
 *
 * <p>Options: --jdbc URL --db-user U --db-password P --scores N (10000) --latency-ms L (20) --port P (18191)
 */
public final class ScoreDeliveryLoad {

    private static final AtomicInteger tokenRequests = new AtomicInteger();
    private static final AtomicInteger scorePosts = new AtomicInteger();
    private static final Set<String> seen = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger duplicates = new AtomicInteger();
    private static final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private static final AtomicLong lastArrival = new AtomicLong();
    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final AtomicInteger mostInFlight = new AtomicInteger();

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
        HttpServer lms = playedPlatform(port, latency);
        try {
            BenchProcess.awaitTool(tool, Duration.ofSeconds(120));
            try (Connection db = DriverManager.getConnection(jdbc, user, password)) {
                run(db, "http://127.0.0.1:" + port, scores, latency);
            }
        } finally {
            lms.stop(0);
            limit.shutdownNow();
        }
    }

    private static void run(Connection db, String lms, int scores, int latency) throws SQLException, InterruptedException {
        UUID platform = UUID.randomUUID();
        String link = "bench-activity";
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO platform (id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri,
                    product_family, registered_by, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'moodle', 'MANUAL', TRUE, ?)""")) {
            p.setObject(1, platform);
            p.setString(2, lms + "/" + platform);
            p.setString(3, "bench-client");
            p.setString(4, "Played platform (" + latency + " ms per score)");
            p.setString(5, lms + "/auth");
            p.setString(6, lms + "/token");
            p.setString(7, lms + "/certs");
            p.setTimestamp(8, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                    line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, '1', 'bench-course', ?, ?, ?, NULL, ?)""")) {
            p.setObject(1, platform);
            p.setString(2, link);
            p.setString(3, lms + "/lineitems?type_id=1");
            p.setString(4, lms + "/lineitems/1/lineitem?type_id=1");
            p.setString(5, "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/score");
            p.setTimestamp(6, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        // A cold tool first: its JIT and connection pools warm on scores that are not timed.
        int warmUp = Math.min(2_000, scores);
        queue(db, platform, link, "warm-up-", warmUp, Instant.now());
        awaitDelivered(db, platform, warmUp);
        resetCounters();
        // All due at one moment a few seconds ahead, so the clock starts when the tool may begin.
        Instant due = Instant.now().plusSeconds(3);
        queue(db, platform, link, "learner-", scores, due);
        System.out.printf("queued %,d scores for %,d learners, due at %s; platform latency %d ms per score%n",
                scores, scores, due, latency);
        long delivered = awaitDelivered(db, platform, warmUp + scores) - warmUp;
        Instant lastFinished;
        try (PreparedStatement p = db.prepareStatement("SELECT MAX(finished_at) FROM score_outbox WHERE platform_id = ?")) {
            p.setObject(1, platform);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                lastFinished = rs.getTimestamp(1).toInstant();
            }
        }
        double fromDue = Duration.between(due, lastFinished).toMillis() / 1000.0;
        double firstToLast = (lastArrival.get() - firstArrival.get()) / 1e9;
        System.out.printf("delivered %,d of %,d (failed %,d); score POSTs received %,d, sent twice %,d%n",
                delivered, scores, count(db, platform, "FAILED"), scorePosts.get(), duplicates.get());
        System.out.printf("due -> last delivered: %.2f s (%.0f scores/s); first -> last POST at the platform: %.2f s%n",
                fromDue, delivered / fromDue, firstToLast);
        System.out.printf("token requests (warm-up included): %d; most scores in flight at once: %d%n", tokenRequests.get(),
                mostInFlight.get());
        if (delivered != scores || duplicates.get() > 0) {
            System.exit(1);
        }
    }

    private static void queue(Connection db, UUID platform, String link, String userPrefix, int scores, Instant due)
            throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, reason, score_given, score_maximum,
                    comment, activity_progress, grading_progress, score_timestamp, state, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, 'PROGRESS', ?, 100, ?, 'InProgress', 'Pending', ?, 'PENDING', 0, ?, ?)""")) {
            for (int i = 0; i < scores; i++) {
                p.setObject(1, UUID.randomUUID());
                p.setObject(2, platform);
                p.setString(3, link);
                p.setString(4, userPrefix + i);
                p.setDouble(5, i % 101);
                p.setString(6, (i % 18) + " of 18 criteria met.");
                p.setTimestamp(7, Timestamp.from(Instant.now()));
                p.setTimestamp(8, Timestamp.from(due));
                p.setTimestamp(9, Timestamp.from(Instant.now()));
                p.addBatch();
                if (i % 1000 == 999) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
    }

    /** Polls the outbox every 50 ms until this many scores of the platform are delivered or failed; returns those delivered. */
    private static long awaitDelivered(Connection db, UUID platform, int expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        long delivered = 0;
        while (System.nanoTime() < deadline) {
            delivered = count(db, platform, "DELIVERED");
            if (delivered + count(db, platform, "FAILED") >= expected) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return delivered;
    }

    private static void resetCounters() {
        scorePosts.set(0);
        firstArrival.set(Long.MAX_VALUE);
        lastArrival.set(0);
        mostInFlight.set(0);
    }

    private static long count(Connection db, UUID platform, String state) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM score_outbox WHERE platform_id = ? AND state = ?")) {
            p.setObject(1, platform);
            p.setString(2, state);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Token endpoint and scores service; each score is answered after the latency, without holding a thread. */
    private static HttpServer playedPlatform(int port, int latency) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        ScheduledExecutorService answers = Executors.newScheduledThreadPool(4, ScoreDeliveryLoad::daemon);
        server.setExecutor(Executors.newFixedThreadPool(8, ScoreDeliveryLoad::daemon));
        server.createContext("/token", exchange -> {
            tokenRequests.incrementAndGet();
            drain(exchange);
            respond(exchange, 200, "{\"access_token\":\"bench-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        });
        server.createContext("/lineitems/", exchange -> {
            String body = new String(drain(exchange), StandardCharsets.UTF_8);
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            answers.schedule(() -> {
                long t = System.nanoTime();
                firstArrival.accumulateAndGet(t, Math::min);
                lastArrival.accumulateAndGet(t, Math::max);
                scorePosts.incrementAndGet();
                String userTime = field(body, "userId") + " " + field(body, "timestamp");
                if (!seen.add(userTime)) {
                    duplicates.incrementAndGet();
                }
                inFlight.decrementAndGet();
                try {
                    respond(exchange, exchange.getRequestURI().getPath().endsWith("/scores") ? 200 : 404, "");
                } catch (IOException e) {
                    System.err.println("answering a score failed: " + e);
                }
            }, latency, TimeUnit.MILLISECONDS);
        });
        server.start();
        return server;
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "played-platform");
        t.setDaemon(true);
        return t;
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\"");
        if (i < 0) {
            return "";
        }
        int start = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    private static byte[] drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
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
