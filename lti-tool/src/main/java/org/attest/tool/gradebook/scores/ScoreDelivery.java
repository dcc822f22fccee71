package org.attest.tool.gradebook.scores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends queued scores. Each replica runs one of these: a poller claims due scores in batches and
 * hands them to a fixed pool of senders; what becomes of a score the platform did not take is
 * {@link SendFailures}'s to decide. Stopping finishes the scores in flight and hands unsent claims back.
 */
@Component
class ScoreDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScoreDelivery.class);

    private final OutboxClaims claims;
    private final UnitLineItems lineItems;
    private final AgsClient ags;
    private final PlatformRegistry platforms;
    private final ScoreDeliveryProperties properties;
    private final Clock clock;
    private final String claimer = "replica-" + UUID.randomUUID().toString().substring(0, 8);
    private final SendFailures failures;
    private final ScoreMetrics metrics;
    /** A wake-up is waiting on the poller: many scores committed at once need only one. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private ScheduledExecutorService poller;
    private ExecutorService senders;

    ScoreDelivery(OutboxClaims claims, UnitLineItems lineItems, AgsClient ags, PlatformRegistry platforms,
            ScoreDeliveryProperties properties, Clock clock, ScoreMetrics metrics) {
        this.metrics = metrics;
        this.claims = claims;
        this.lineItems = lineItems;
        this.ags = ags;
        this.platforms = platforms;
        this.properties = properties;
        this.clock = clock;
        this.failures = new SendFailures(claims, properties, claimer, this::wakeAt);
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.concurrency(), r -> daemon(r, "score-sender-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "score-poller"));
        running = true;
        poller.scheduleWithFixedDelay(this::drainQuietly, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::removeOldQuietly, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false; // senders not yet started hand their claims back
        poller.shutdown();
        senders.shutdown();
        try {
            if (!poller.awaitTermination(30, TimeUnit.SECONDS) || !senders.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Score delivery did not finish within 30 s of stopping; unfinished claims pass to another replica "
                        + "after {}", properties.claimTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100; // stops early, finishing scores in flight while the database pool is open
    }

    /** A score was queued and committed: look now instead of at the next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ScoreOutbox.ScoreQueued queued) {
        wake();
    }

    void wake() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            try {
                poller.execute(this::drainQuietly);
            } catch (RejectedExecutionException stopping) {
                wakeQueued.set(false); // stopping: the next replica to poll sends it
            }
        }
    }

    /** How many scores this replica has delivered since it started. */
    long deliveredCount() {
        return delivered.get();
    }

    /** Runs on the single poller thread only, so rounds never overlap. */
    private void drainQuietly() {
        wakeQueued.set(false); // a score committed from now on queues another look
        try {
            while (running && drainOnce() == properties.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Score delivery round failed; it is tried again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /**
     * Claims one batch and sends it; returns how many were claimed. Within a round each activity's
     * column is looked up once, so a score costs one HTTP call and one database write (its delivery, recorded at once).
     */
    int drainOnce() {
        List<QueuedScore> batch = claims.claim(claimer, properties.batchSize(), clock.instant().plus(properties.claimTimeout()));
        DeliveryRound round = new DeliveryRound(claims, lineItems, claimer, delivered);
        List<Future<?>> sending = new ArrayList<>(batch.size());
        for (QueuedScore row : batch) {
            try {
                sending.add(senders.submit(() -> send(row, round)));
            } catch (RejectedExecutionException stopping) {
                claims.release(row, claimer, clock.instant());
            }
        }
        for (Future<?> f : sending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (ExecutionException e) {
                log.warn("A score sender failed unexpectedly: {}", e.getCause().toString());
            }
        }
        return batch.size();
    }

    private void send(QueuedScore row, DeliveryRound round) {
        Instant now = clock.instant();
        if (!running) {
            claims.release(row, claimer, now);
            return;
        }
        Instant held = failures.heldBackUntil(row.platformId());
        if (held != null && held.isAfter(now)) {
            claims.release(row, claimer, held);
            return;
        }
        Optional<Platform> platform = platforms.find(row.platformId());
        try {
            if (platform.isEmpty()) {
                claims.failed(row, claimer, 0, "the platform this score was for is no longer registered in Attest");
                return;
            }
            if (!platform.get().enabled()) {
                claims.retryLater(row, claimer, now.plus(properties.retryMax()), 0, platform.get().name()
                        + " is disabled in Attest; its scores wait until a centre administrator enables it again");
                return;
            }
            String lineItemUrl = round.lineItemUrl(platform.get(), row.resourceLinkId());
            ags.postScore(platform.get(), lineItemUrl, row.score());
            round.delivered(row);
            metrics.sent(row.platformId(), ScoreMetrics.Outcome.DELIVERED);
        } catch (PlatformCallFailed e) {
            metrics.sent(row.platformId(), ScoreMetrics.Outcome.REFUSED);
            failures.refused(row, platform.get(), now, e);
        } catch (UnitLineItems.NoGradeService e) {
            metrics.sent(row.platformId(), ScoreMetrics.Outcome.FAILED);
            claims.failed(row, claimer, 0, e.getMessage());
        } catch (RuntimeException e) {
            metrics.sent(row.platformId(), ScoreMetrics.Outcome.FAILED);
            failures.failedUnexpectedly(row, now, e);
        }
    }

    /** Looks for due scores at {@code at}, as well as at every poll. */
    private void wakeAt(Instant at) {
        if (running) {
            try {
                poller.schedule(this::wake, Math.max(0, Duration.between(clock.instant(), at).toMillis() + 1), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the next replica to poll sends it
            }
        }
    }

    private void removeOldQuietly() {
        try {
            int removed = claims.removeFinishedBefore(clock.instant().minus(properties.keepFinished()));
            if (removed > 0) {
                log.info("Removed {} delivered or superseded scores older than {}", removed, properties.keepFinished());
            }
        } catch (RuntimeException e) {
            log.warn("Removing old delivered scores failed: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
