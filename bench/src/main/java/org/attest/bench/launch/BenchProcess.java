package org.attest.bench.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What every load driver needs around its run: a hard time limit, and waiting for the tool to come up. */
public final class BenchProcess {

    private static final Duration POLL = Duration.ofMillis(250);

    private BenchProcess() {
    }

    /**
     * Halts the JVM (exit 3) when the run outlives its budget, so a stuck benchmark never holds CI or
     * the machine. Close the returned timer when the run ends in time.
     */
    public static ScheduledExecutorService timeLimit(String driver, long seconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("time-limit"));
        timer.schedule(() -> {
            System.err.println(driver + ": hard time limit of " + seconds + " s reached; stopping");
            Runtime.getRuntime().halt(3);
        }, seconds, TimeUnit.SECONDS);
        return timer;
    }

    /** Asks the tool for its JWKS every 250 ms until it answers 200, at most for {@code within}. */
    public static void awaitTool(String base, Duration within) throws InterruptedException {
        awaitAnswer(base, base + "/.well-known/jwks.json", 200, within);
    }

    /** Asks {@code url} every 250 ms until it answers {@code status} (0: any HTTP answer), at most for {@code within}. */
    public static void awaitAnswer(String base, String url, int status, Duration within) throws InterruptedException {
        awaitAnswer(base, url, status, within, POLL);
    }

    /** Asks {@code url} every {@code poll} until it answers {@code status} (0: any HTTP answer), at most for {@code within}. */
    public static void awaitAnswer(String base, String url, int status, Duration within, Duration poll) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest jwks = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5)).GET().build();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("await-tool"));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ScheduledFuture<?> polling = poller.scheduleWithFixedDelay(() -> {
            try {
                int answered = client.send(jwks, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 0 || answered == status) {
                    ready.complete(null);
                }
            } catch (IOException notListeningYet) {
                // asked again at the next tick
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ready.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the tool at " + base + " did not answer within " + within.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the tool at " + base + " failed", e.getCause());
        } finally {
            polling.cancel(true);
            poller.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
