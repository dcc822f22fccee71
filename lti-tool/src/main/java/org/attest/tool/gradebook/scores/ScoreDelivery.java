package org.attest.tool.gradebook.scores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.attest.tool.gradebook.QueuedScore;
import org.attest.tool.gradebook.ScoreOutbox;
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
 * hands them to a fixed pool of senders. Failures that may pass (no answer, 401, 408, 429, 5xx) are
 * retried with exponential backoff and jitter; a 429's {@code Retry-After} holds back every score for
 * that platform from this replica; anything else is marked failed for the centre admin. Stopping
 * finishes the scores in flight and hands unsent claims back.
 */
@Component
class ScoreDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScoreDelivery.class);
    /** How many later timestamps a score gets when the LMS keeps saying its grade is newer (HTTP 409). */
    static final int MAX_RESTAMPS = 3;

    private final OutboxClaims claims;
    private final UnitLineItems lineItems;
    private final AgsClient ags;
    private final PlatformRegistry platforms;
    private final ScoreDeliveryProperties properties;
    private final Clock clock;
    private final String claimer = "replica-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<UUID, Instant> heldBack = new ConcurrentHashMap<>();
    /** A wake-up is waiting on the poller: many scores committed at once need only one. */
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private ScheduledExecutorService poller;
    private ExecutorService senders;

    ScoreDelivery(OutboxClaims claims, UnitLineItems lineItems, AgsClient ags, PlatformRegistry platforms,
            ScoreDeliveryProperties properties, Clock clock) {
        this.claims = claims;
        this.lineItems = lineItems;
        this.ags = ags;
        this.platforms = platforms;
        this.properties = properties;
        this.clock = clock;
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
     * column is looked up once, and deliveries are recorded in groups, so a score costs about one
     * HTTP call and a fraction of a database round trip.
     */
    int drainOnce() {
        List<QueuedScore> batch = claims.claim(claimer, properties.batchSize(), clock.instant().plus(properties.claimTimeout()));
        DeliveryRound round = new DeliveryRound(claims, lineItems, claimer, delivered);
        List<Future<?>> sending = new ArrayList<>(batch.size());
        try {
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
        } finally {
            round.recordDelivered();
        }
        return batch.size();
    }

    private void send(QueuedScore row, DeliveryRound round) {
        Instant now = clock.instant();
        if (!running) {
            claims.release(row, claimer, now);
            return;
        }
        Instant held = heldBack.get(row.platformId());
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
        } catch (PlatformCallFailed e) {
            if (e.status() == 409) {
                refusedAsNotNewer(row, platform.get(), now, e);
                return;
            }
            if (!e.retryable()) {
                log.warn("{} refused the score of user {} for activity {}: {}", platform.get().name(), row.score().userId(),
                        row.resourceLinkId(), e.getMessage());
                claims.failed(row, claimer, e.status(), e.getMessage());
                return;
            }
            Duration wait = backoff(row.attempts());
            if (e.retryAfter().isPresent()) {
                Duration asked = e.retryAfter().get();
                heldBack.merge(row.platformId(), now.plus(asked), OutboxRows::later);
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            retryOrGiveUp(row, now, wait, e.status(), e.getMessage());
        } catch (UnitLineItems.NoGradeService e) {
            claims.failed(row, claimer, 0, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Sending a score to {} failed unexpectedly", row.resourceLinkId(), e);
            retryOrGiveUp(row, now, backoff(row.attempts()), 0, "unexpected error in Attest: " + e);
        }
    }

    /**
     * HTTP 409: the LMS holds a grade at least as new as this score, in whole seconds (Moodle: two scores
     * within one second, or a teacher's edit of the grade in its gradebook). A score still the newest for
     * its learner and column is stamped later (now rounded up to a whole second, plus 0, 1 or 3 s, and after its own
     * timestamp) and sent again at that time, at most {@link #MAX_RESTAMPS} times; then it waits for the admin.
     */
    private void refusedAsNotNewer(QueuedScore row, Platform platform, Instant now, PlatformCallFailed e) {
        log.warn("{} refused the score of user {} for activity {} stamped {} (re-stamped {} times so far): {}", platform.name(),
                row.score().userId(), row.resourceLinkId(), row.score().timestamp(), row.restamps(), e.getMessage());
        if (row.restamps() >= MAX_RESTAMPS) {
            claims.failed(row, claimer, e.status(), ScoreSemantics.keepsRefusing(platform) + " The LMS said: " + e.getMessage());
            return;
        }
        // Each re-stamp is further ahead (0, 1, 3 s) and is sent no sooner than its own time, so an LMS whose clock runs a
        // few seconds ahead (seen on a real Moodle) still takes the score, and Attest never sends a time still to come.
        Instant stamp = OutboxRows.restamp(now, (1L << row.restamps()) - 1, row.score().timestamp());
        if (!claims.restamp(row, claimer, stamp, e.status(), e.getMessage())) {
            log.info("The refused score of user {} for activity {} was replaced by a newer one, which is sent instead",
                    row.score().userId(), row.resourceLinkId());
        } else {
            wakeAt(OutboxRows.later(stamp, now)); // it is not due before its stamp: a wake now would claim nothing
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

    private void retryOrGiveUp(QueuedScore row, Instant now, Duration wait, int status, String error) {
        if (row.createdAt().plus(properties.giveUpAfter()).isBefore(now.plus(wait))) {
            claims.failed(row, claimer, status, "gave up after " + (row.attempts() + 1) + " attempts over "
                    + Duration.between(row.createdAt(), now).toHours() + " h; last: " + error);
        } else {
            claims.retryLater(row, claimer, now.plus(wait), status, error);
        }
    }

    /** Exponential from retry-first, capped at retry-max; half fixed, half random, so replicas spread out. */
    Duration backoff(int attemptsSoFar) {
        long first = properties.retryFirst().toMillis();
        long cap = properties.retryMax().toMillis();
        long full = attemptsSoFar >= 30 ? cap : Math.min(cap, first << attemptsSoFar);
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
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
