package org.attest.bench.scores;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A platform's token endpoint and scores service as the score benchmarks and the scale-out test play them (JDK
 * HttpServer on 127.0.0.1): each score is answered 200 after a fixed latency without holding a thread, and counted by
 * (learner, timestamp), so a score that arrives twice is seen. Moodle-shaped URLs: {@code /token} and
 * {@code /lineitems/1/lineitem/scores?type_id=1} (anything else under {@code /lineitems/} is 404).
 */
public final class PlayedGradebook implements AutoCloseable {

    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger scorePosts = new AtomicInteger();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastArrival = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final HttpServer server;
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(4, PlayedGradebook::daemon);
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, PlayedGradebook::daemon);

    /** Starts it on 127.0.0.1:{@code port} (0: any free port), answering each score after {@code latencyMillis}. */
    public PlayedGradebook(int port, int latencyMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(handlers);
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
                if (!seen.add(field(body, "userId") + " " + field(body, "timestamp"))) {
                    duplicates.incrementAndGet();
                }
                inFlight.decrementAndGet();
                try {
                    respond(exchange, exchange.getRequestURI().getPath().endsWith("/scores") ? 200 : 404, "");
                } catch (IOException e) {
                    System.err.println("answering a score failed: " + e);
                }
            }, latencyMillis, TimeUnit.MILLISECONDS);
        });
        server.start();
    }

    /** The platform's base URL, http://127.0.0.1:PORT. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Score POSTs answered, duplicates included. */
    public int scorePosts() {
        return scorePosts.get();
    }

    /** Scores that arrived again with the same learner and timestamp. */
    public int sentTwice() {
        return duplicates.get();
    }

    /** Different scores (learner, timestamp) that arrived. */
    public int distinctScores() {
        return seen.size();
    }

    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Nanoseconds (System.nanoTime) from the first to the last score answered since the last reset. */
    public long firstToLastNanos() {
        return lastArrival.get() - firstArrival.get();
    }

    /** Forgets the timings and the POST count (not which scores arrived, so a later duplicate is still seen). */
    public void resetTimings() {
        scorePosts.set(0);
        firstArrival.set(Long.MAX_VALUE);
        lastArrival.set(0);
        mostInFlight.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
        handlers.shutdownNow();
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "played-gradebook");
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
}
