package org.attest.tool.gradebook.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.gradebook.lms.AgsClient;
import org.attest.tool.gradebook.lms.GradebookProperties;
import org.attest.tool.gradebook.lms.LinkService;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.PlatformCallFailed;
import org.attest.tool.gradebook.lms.Result;
import org.attest.tool.gradebook.rosters.CourseRosters;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.OutsideOutcome;
import org.attest.tool.portfolio.OutsideOutcomes;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LMS grades to criteria: reads an assessment task's results from the LMS gradebook (AGS) and records
 * what each learner's changed grade means (see {@link TaskGradeMeaning}) in their portfolio, through
 * {@link OutsideOutcomes}. The last grade seen per learner is kept, so a pull acts only on what
 * changed and the same grades again change nothing; a learner whose grade disappeared from the
 * results has had it removed.
 */
@Service
public class GradebookGrades {

    private static final Logger log = LoggerFactory.getLogger(GradebookGrades.class);
    /** How long "Pull grades now" waits for a pull another request or replica is running. */
    private static final Duration WAIT_FOR_RUNNING_PULL = Duration.ofSeconds(15);

    /** A learner's grade as last read, and what Attest made of it. */
    public record TaskGrade(String userId, String learnerName, UUID learnerUnitId, Double score, Double maximum,
            Instant gradedAt, boolean passed, boolean applied, String note, Instant seenAt) {

        /** {@code "78/100"}, or "no grade". */
        public String scoreText() {
            return score == null ? "no grade" : AssessmentTask.fraction(score, maximum);
        }
    }

    /**
     * What one pull did.
     *
     * @param results the grades the LMS holds for the task
     * @param changed grades that differed from the last pull and were acted on
     * @param problem why the pull or some learners' grades failed, null when all went well
     */
    public record PullReport(int results, int changed, String problem) {
    }

    private final AssessmentTasks tasks;
    private final TaskPulls pulls;
    private final PlatformRegistry platforms;
    private final LinkServices links;
    private final AgsClient ags;
    private final NrpsClient nrps;
    private final CourseRosters rosters;
    private final TaskColumns columns;
    private final TaskGrades taskGrades;
    private final OutsideOutcomes outcomes;
    private final TransactionTemplate transaction;
    private final GradebookProperties properties;
    private final Clock clock;

    GradebookGrades(AssessmentTasks tasks, TaskPulls pulls, PlatformRegistry platforms, LinkServices links, AgsClient ags,
            NrpsClient nrps, CourseRosters rosters, TaskColumns columns, TaskGrades taskGrades, OutsideOutcomes outcomes, TransactionTemplate transaction,
            GradebookProperties properties, Clock clock) {
        this.tasks = tasks;
        this.pulls = pulls;
        this.platforms = platforms;
        this.links = links;
        this.ags = ags;
        this.nrps = nrps;
        this.rosters = rosters;
        this.columns = columns;
        this.taskGrades = taskGrades;
        this.outcomes = outcomes;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /** A tutor's "Pull grades now": waits for a pull already running on the task, then reads the grades again. */
    public PullReport pullNow(LtiPrincipal tutor, UUID taskId) {
        PortfolioAccess.requireAssessor(tutor, "only tutors read grades from the LMS");
        AssessmentTask task = tasks.visible(tutor, taskId);
        if (task.resourceLinkId() == null) {
            throw PortfolioRefused.conflict("nobody has launched this task's activity yet: launch it from the course once, "
                    + "so Attest learns which gradebook column it has");
        }
        if (!pulls.claimWithin(taskId, WAIT_FOR_RUNNING_PULL)) {
            throw PortfolioRefused.conflict("the grades of this task are being read right now; reload the page in a minute");
        }
        return pullClaimed(tasks.find(taskId).orElseThrow());
    }

    /**
     * The task page's first view: when the task's grades were never read (nor tried), reads them now, waiting up to
     * {@code patience} for a pull that is already running, so the tutor does not have to reload. Returns the task as it
     * now stands; never throws for the platform's sake (a failed read is the task's last error).
     */
    public AssessmentTask readIfNeverRead(AssessmentTask task, Duration patience) {
        if (task.resourceLinkId() == null || task.lastPullAt() != null || task.lastError() != null) {
            return task;
        }
        if (!pulls.claimWithin(task.id(), patience)) {
            return task;
        }
        AssessmentTask now = tasks.find(task.id()).orElseThrow();
        if (now.lastPullAt() != null || now.lastError() != null) {
            pulls.release(task.id()); // read by another pull while this request waited
            return now;
        }
        pullClaimed(now);
        return tasks.find(task.id()).orElseThrow();
    }

    /** Pulls a task this replica has claimed, records the outcome on the task and releases it. */
    public PullReport pullClaimed(AssessmentTask task) {
        PullReport report;
        try {
            report = pull(task);
        } catch (RuntimeException e) {
            log.warn("Reading the grades of assessment task {} failed", task.id(), e);
            report = new PullReport(0, 0, "reading the grades failed unexpectedly (" + e.getMessage() + "); it will be tried again");
        }
        pulls.finished(task.id(), report.problem(), properties.gradePullInterval());
        return report;
    }

    /** Every learner's grade on the task as last read, for the tutor's task page. */
    public List<TaskGrade> grades(AssessmentTask task) {
        return taskGrades.all(task);
    }

    private PullReport pull(AssessmentTask task) {
        Platform platform = platforms.find(task.course().platformId()).orElse(null);
        if (platform == null) {
            return new PullReport(0, 0, "the LMS this task belongs to is no longer registered with Attest");
        }
        LinkService link = links.find(platform.id(), task.resourceLinkId()).orElse(null);
        if (link == null || link.lineItemsUrl() == null && link.lineItemUrl() == null) {
            return new PullReport(0, 0, "the LMS has not offered Attest its gradebook (Assignment and Grade Services) on "
                    + "launches of this activity; turn the service on for Attest in the LMS (Moodle: \"IMS LTI Assignment and "
                    + "Grade Services\" set to use it for grade sync and column management), then launch the activity again");
        }
        if (!link.grants(AgsClient.SCOPE_RESULT_READ)) {
            return new PullReport(0, 0, "the LMS did not allow Attest to read grades (scope " + AgsClient.SCOPE_RESULT_READ
                    + "); allow grade reading for Attest in the LMS, then launch the activity again");
        }
        List<Result> results;
        try {
            results = ags.results(platform, columns.lineItemOf(task, platform, link), null);
        } catch (PlatformCallFailed e) {
            return new PullReport(0, 0, e.getMessage());
        } catch (TaskColumns.ColumnMissing e) {
            return new PullReport(0, 0, e.getMessage());
        }
        Map<String, Result> latest = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing(Result::timestamp, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(r -> latest.put(r.userId(), r));
        Map<String, TaskGrades.Seen> seen = taskGrades.seen(task);
        RosterNames names = new RosterNames(() -> rosters.members(new Course(link.platformId(), link.deploymentId(), link.contextId())),
                nrps, platform, link);
        List<String> problems = new ArrayList<>();
        int changed = 0;
        for (Result r : latest.values()) {
            Instant at = r.timestamp() == null ? null : r.timestamp().truncatedTo(ChronoUnit.MICROS);
            TaskGrades.Seen before = seen.get(r.userId());
            if (before != null && before.same(r.resultScore(), r.resultMaximum(), at)) {
                continue;
            }
            changed++;
            apply(task, r.userId(), r.resultScore(), r.resultMaximum(), at, before, names, problems);
        }
        for (TaskGrades.Seen gone : seen.values()) {
            if (!latest.containsKey(gone.userId()) && gone.score() != null) {
                changed++;
                apply(task, gone.userId(), null, null, null, gone, names, problems);
            }
        }
        String problem = problems.isEmpty() ? null : problems.size() + " of the changed grades could not be applied and will "
                + "be tried again: " + String.join("; ", problems);
        return new PullReport(latest.size(), changed, problem);
    }

    /**
     * One learner's changed grade, recorded in their portfolio and remembered in one transaction. A grade below the pass
     * mark is recorded only when a pass of it was recorded before (to withdraw it); otherwise it is only remembered.
     */
    private void apply(AssessmentTask task, String userId, Double score, Double maximum, Instant gradedAt,
            TaskGrades.Seen before, RosterNames names, List<String> problems) {
        boolean passed = TaskGradeMeaning.passes(task, score, maximum);
        boolean wasApplied = before != null && before.applied();
        try {
            String name = passed && (before == null || before.learnerUnitId() == null) ? names.of(userId) : null;
            transaction.executeWithoutResult(tx -> {
                OutsideOutcome.Recorded recorded = passed || wasApplied ? outcomes.record(
                        TaskGradeMeaning.outcome(task, userId, name, score, maximum, gradedAt, clock.instant())) : null;
                boolean nowApplied = recorded == null ? false
                        : recorded.effect() == OutsideOutcome.Effect.UNIT_SIGNED_OFF ? wasApplied
                        : recorded.effect() == OutsideOutcome.Effect.MET || recorded.effect() == OutsideOutcome.Effect.ALREADY_MET;
                String note = recorded != null ? TaskGradeMeaning.note(recorded) : TaskGradeMeaning.noteUnrecorded(task, score);
                taskGrades.remember(task, userId, score, maximum, gradedAt, passed, nowApplied,
                        recorded != null && recorded.learnerUnitId() != null ? recorded.learnerUnitId()
                                : before == null ? null : before.learnerUnitId(), note);
            });
        } catch (RuntimeException e) {
            log.warn("Could not apply the LMS grade of user {} on assessment task {}: {}", userId, task.id(), e.getMessage());
            problems.add("user " + userId + ": " + e.getMessage());
        }
    }
}
