package org.attest.tool.gradebook;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.attest.tool.lti.LaunchAccepted;
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
        try {
            executor.execute(() -> {
                try {
                    rosters.refreshAfterLaunch(launch.principal());
                } catch (RuntimeException e) {
                    log.warn("Refreshing the roster of course {} after a launch failed: {}", launch.principal().contextId(), e.toString());
                }
            });
        } catch (RejectedExecutionException busy) {
            log.debug("Roster refreshes are queued to the limit; course {} is refreshed at a later launch",
                    launch.principal().contextId());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
