package org.attest.tool.gradebook.tasks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.attest.tool.gradebook.lms.LastError;
import org.attest.tool.portfolio.Course;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * When each task's grades are read, and by whom: a task is due once its {@code next_pull_at} has
 * passed, and one replica at a time claims it (a conditional update, so two replicas never read the
 * same task at once) until it is done or its claim runs out.
 */
@Component
class TaskPulls {

    /** Longer than any pull takes (each platform call times out within seconds), so a claim outlives its pull. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    /** "Not on a schedule": when the interval is 0, only launches and tutors make a task due. */
    private static final Instant NEVER = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcClient jdbc;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final String replica = "replica-" + UUID.randomUUID().toString().substring(0, 8);

    TaskPulls(JdbcClient jdbc, TaskScheduler scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Bound tasks whose pull is due and that no replica holds, the longest waiting first. */
    public List<UUID> due(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                SELECT id FROM assessment_task WHERE next_pull_at <= ? AND resource_link_id IS NOT NULL
                  AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_pull_at, id LIMIT ?""")
                .params(now, now, limit).query(UUID.class).list();
    }

    /** True when this replica now holds the task; false when another holds it. */
    public boolean claim(UUID taskId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE assessment_task SET claimed_by = ?, claimed_until = ?
                WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)""")
                .params(replica, Timestamp.from(now.plus(CLAIM)), taskId, Timestamp.from(now)).update() == 1;
    }

    /**
     * Claims the task for this request, asking again every 200 ms on the application's scheduler while
     * another pull holds it (which may run on another replica, so there is nothing to be woken by).
     */
    public boolean claimWithin(UUID taskId, Duration patience) {
        if (claim(taskId)) {
            return true;
        }
        CompletableFuture<Boolean> claimed = new CompletableFuture<>();
        ScheduledFuture<?> asking = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!claimed.isDone() && claim(taskId) && !claimed.complete(true)) {
                    release(taskId); // the request stopped waiting just before: nobody will pull
                }
            } catch (RuntimeException e) {
                claimed.completeExceptionally(e);
            }
        }, Duration.ofMillis(200));
        try {
            return claimed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Unless the claim came in at this very moment, give up; a claim that comes later is released above.
            return !claimed.complete(false) && claimed.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !claimed.complete(false) && claimed.join();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            asking.cancel(false);
        }
    }

    /** Releases a claim this replica will not use, leaving the task's schedule as it was. */
    public void release(UUID taskId) {
        jdbc.sql("UPDATE assessment_task SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")
                .params(taskId, replica).update();
    }

    /** Releases the task with the outcome of its pull (error null for success) and schedules the next. */
    public void finished(UUID taskId, String error, Duration interval) {
        Instant now = clock.instant();
        Timestamp next = Timestamp.from(interval.isZero() ? NEVER : now.plus(interval));
        if (error == null) {
            jdbc.sql("""
                    UPDATE assessment_task SET last_pull_at = ?, last_error = NULL, last_error_at = NULL, next_pull_at = ?,
                        claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?""")
                    .params(Timestamp.from(now), next, taskId, replica).update();
        } else {
            jdbc.sql("""
                    UPDATE assessment_task SET last_error = ?, last_error_at = ?, next_pull_at = ?, claimed_by = NULL,
                        claimed_until = NULL WHERE id = ? AND claimed_by = ?""")
                    .params(LastError.fitted(error), Timestamp.from(now), next, taskId,
                            replica)
                    .update();
        }
    }

    /** A tutor launched into the course: every task of it is due now. */
    void dueNow(Course course) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE assessment_task SET next_pull_at = ?
                WHERE platform_id = ? AND deployment_id = ? AND context_id = ? AND next_pull_at > ?""")
                .params(now, course.platformId(), course.deploymentId(), course.contextId(), now).update();
    }

    /** Somebody launched the task's own activity: it is due now. */
    void dueNow(UUID platformId, String resourceLinkId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE assessment_task SET next_pull_at = ? WHERE platform_id = ? AND resource_link_id = ? AND next_pull_at > ?")
                .params(now, platformId, resourceLinkId, now).update();
    }
}
