package org.attest.tool.gradebook.rosters;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.attest.tool.lti.LaunchAccepted;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refreshes a course's roster after an instructor's launch, in the background: the launch must not
 * wait for the LMS, nor fail because of it. Two threads and a queue of 100 bound what a burst of
 * launches can start; a refresh that does not fit is dropped, as the next instructor launch asks again.
 */
@Component
class RosterRefreshOnLaunch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RosterRefreshOnLaunch.class);

    private final CourseRosters rosters;
    private final ThreadPoolExecutor executor;
    /** Reads started here and not finished, so a caseload's first view can wait for its course's read. */
    private final ConcurrentMap<Course, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    RosterRefreshOnLaunch(CourseRosters rosters) {
        this.rosters = rosters;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), task -> {
            Thread thread = new Thread(task, "roster-refresh-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    @EventListener
    void on(LaunchAccepted launch) {
        if (!CourseRosters.startsRefresh(launch.principal())) {
            return;
        }
        LtiPrincipal user = launch.principal();
        Course course = new Course(user.platformId(), user.deploymentId(), user.contextId());
        if (rosters.claimedLately(course)) {
            return; // this replica read it within the refresh interval: nothing to start, not even a claim
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (running.putIfAbsent(course, done) != null) {
            return; // a read of this course is under way: a second would only fail to claim it, and hide the first from awaitRunningRead
        }
        try {
            executor.execute(() -> {
                try {
                    rosters.refreshAfterLaunch(user);
                } catch (RuntimeException e) {
                    log.warn("Refreshing the roster of course {} after a launch failed: {}", user.contextId(), e.toString());
                } finally {
                    running.remove(course, done);
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException busy) {
            running.remove(course, done);
            done.complete(null);
            log.debug("Roster refreshes are queued to the limit; course {} is refreshed at a later launch", user.contextId());
        }
    }

    /**
     * Waits up to {@code patience} for a roster read that a launch on this replica started for the course, so the
     * caseload's first view after a tutor's launch shows the roster without a reload. Returns at once when none runs.
     */
    public void awaitRunningRead(Course course, Duration patience) {
        CompletableFuture<Void> read = running.get(course);
        if (read == null) {
            return;
        }
        try {
            read.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.debug("The roster read of course {} takes longer than {}; the caseload shows what was read before",
                    course.contextId(), patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the read logs its own failure and records it on the roster
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        // Reads under way finish (a read cut short would be recorded as the roster's failure); queued ones are dropped,
        // and the course's next tutor launch reads it.
        executor.getQueue().clear();
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
