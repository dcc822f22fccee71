package org.attest.tool.gradebook.tasks;

import jakarta.annotation.PreDestroy;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.attest.tool.lti.LaunchAccepted;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * When grades are pulled: a tutor's launch makes every task of the course due, a launch of a task's
 * own activity makes that task due, and each task falls due again after
 * {@code attest.gradebook.grade-pull-interval}. Every few seconds each replica pulls the due tasks it
 * can claim, on a thread of its own so the application's shared scheduler never waits on an LMS.
 */
@Component
class GradePullSchedule {

    private static final Logger log = LoggerFactory.getLogger(GradePullSchedule.class);
    /** Tasks one round pulls at most; the rest wait for the next round. */
    private static final int ROUND = 50;

    private final TaskPulls pulls;
    private final AssessmentTasks tasks;
    private final GradebookGrades grades;
    private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();
    private volatile boolean stopping;

    GradePullSchedule(TaskPulls pulls, AssessmentTasks tasks, GradebookGrades grades) {
        this.pulls = pulls;
        this.tasks = tasks;
        this.grades = grades;
        worker.setCorePoolSize(1);
        worker.setMaxPoolSize(1);
        worker.setQueueCapacity(0); // a round still running means the next one is not needed
        worker.setThreadNamePrefix("attest-grade-pull-");
        // A stop lets the round's current pull finish (each pull is claimed in the database, and a claim left by a stop
        // that could not wait expires); the round itself stops at the next task.
        worker.setWaitForTasksToCompleteOnShutdown(true);
        worker.setAwaitTerminationSeconds(10);
        worker.initialize();
    }

    /** Launches are never slowed or failed by this: it only marks tasks due. */
    @EventListener
    public void on(LaunchAccepted launch) {
        LtiPrincipal user = launch.principal();
        if (user.platformId() == null || user.contextId() == null || user.deploymentId() == null || user.requestsDeepLinking()) {
            return;
        }
        try {
            if (GradebookAccess.isTutor(user)) {
                pulls.dueNow(new Course(user.platformId(), user.deploymentId(), user.contextId()));
            } else if (user.resourceLinkId() != null && !tasks.knownWithoutTask(user)) {
                // a link known to open no task has nothing to make due
                pulls.dueNow(user.platformId(), user.resourceLinkId());
            }
        } catch (DataAccessException e) {
            log.warn("Could not mark assessment tasks due after a launch: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void tick() {
        try {
            worker.execute(this::pullDue);
        } catch (TaskRejectedException busy) {
            // the previous round is still pulling
        }
    }

    /** Pulls every due task this replica can claim; one task's failure is recorded on it and the round goes on. */
    public void pullDue() {
        try {
            for (UUID id : pulls.due(ROUND)) {
                if (stopping) {
                    return; // the tasks left are still due: another replica, or this one after its restart, pulls them
                }
                if (pulls.claim(id)) {
                    tasks.find(id).ifPresent(grades::pullClaimed);
                }
            }
        } catch (RuntimeException e) {
            log.warn("A round of assessment task grade pulls stopped: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        worker.shutdown();
    }
}
