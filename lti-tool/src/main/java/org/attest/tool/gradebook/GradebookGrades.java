package org.attest.tool.gradebook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.portfolio.Assessment;
import org.attest.tool.portfolio.GradebookGrade;
import org.attest.tool.portfolio.PortfolioRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LMS grades to criteria: reads an assessment task's results from the LMS gradebook (AGS) and hands
 * each learner's changed grade to {@link Assessment#recordFromGradebook}. The last grade seen per
 * learner is kept, so a pull acts only on what changed and the same grades again change nothing;
 * a learner whose grade disappeared from the results has had it removed.
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
            return score == null ? "no grade" : AssessmentTask.number(score) + "/" + AssessmentTask.number(maximum);
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
    private final Assessment assessment;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final GradebookProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;

    GradebookGrades(AssessmentTasks tasks, TaskPulls pulls, PlatformRegistry platforms, LinkServices links, AgsClient ags,
            NrpsClient nrps, Assessment assessment, JdbcClient jdbc, TransactionTemplate transaction,
            GradebookProperties properties, TaskScheduler scheduler, Clock clock) {
        this.tasks = tasks;
        this.pulls = pulls;
        this.platforms = platforms;
        this.links = links;
        this.ags = ags;
        this.nrps = nrps;
        this.assessment = assessment;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** A tutor's "Pull grades now": waits for a pull already running on the task, then reads the grades again. */
    public PullReport pullNow(LtiPrincipal tutor, UUID taskId) {
        GradebookAccess.requireTutor(tutor, "only tutors read grades from the LMS");
        AssessmentTask task = tasks.visible(tutor, taskId);
        if (task.resourceLinkId() == null) {
            throw PortfolioRefused.conflict("nobody has launched this task's activity yet: launch it from the course once, "
                    + "so Attest learns which gradebook column it has");
        }
        if (!claimWithin(taskId, WAIT_FOR_RUNNING_PULL)) {
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
        if (!claimWithin(task.id(), patience)) {
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

    /**
     * Claims the task for this request, asking again every 200 ms on the application's scheduler while
     * another pull holds it (which may run on another replica, so there is nothing to be woken by).
     */
    private boolean claimWithin(UUID taskId, Duration patience) {
        if (pulls.claim(taskId)) {
            return true;
        }
        CompletableFuture<Boolean> claimed = new CompletableFuture<>();
        ScheduledFuture<?> asking = scheduler.scheduleWithFixedDelay(() -> {
            try {
                if (!claimed.isDone() && pulls.claim(taskId) && !claimed.complete(true)) {
                    pulls.release(taskId); // the request stopped waiting just before: nobody will pull
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

    /** Pulls a task this replica has claimed, records the outcome on the task and releases it. */
    PullReport pullClaimed(AssessmentTask task) {
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
        return jdbc.sql("""
                SELECT g.*, lu.learner_name FROM assessment_task_grade g LEFT JOIN learner_unit lu ON lu.id = g.learner_unit_id
                WHERE g.task_id = ? ORDER BY lu.learner_name, g.user_id""")
                .param(task.id())
                .query((rs, n) -> new TaskGrade(rs.getString("user_id"), rs.getString("learner_name"),
                        rs.getObject("learner_unit_id", UUID.class), (Double) rs.getObject("result_score", Double.class),
                        (Double) rs.getObject("result_maximum", Double.class), AssessmentTasks.instant(rs, "result_timestamp"),
                        rs.getBoolean("passed"), rs.getBoolean("applied"), rs.getString("note"),
                        AssessmentTasks.instant(rs, "seen_at")))
                .list();
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
            results = ags.results(platform, lineItemOf(task, platform, link), null);
        } catch (PlatformCallFailed e) {
            return new PullReport(0, 0, e.getMessage());
        } catch (ColumnMissing e) {
            return new PullReport(0, 0, e.getMessage());
        }
        Map<String, Result> latest = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing(Result::timestamp, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(r -> latest.put(r.userId(), r));
        Map<String, Seen> seen = new HashMap<>();
        jdbc.sql("SELECT * FROM assessment_task_grade WHERE task_id = ?").param(task.id())
                .query((rs, n) -> new Seen(rs.getString("user_id"), (Double) rs.getObject("result_score", Double.class),
                        (Double) rs.getObject("result_maximum", Double.class), AssessmentTasks.instant(rs, "result_timestamp"),
                        rs.getBoolean("applied"), rs.getObject("learner_unit_id", UUID.class)))
                .list().forEach(s -> seen.put(s.userId(), s));
        Names names = new Names(platform, link);
        List<String> problems = new ArrayList<>();
        int changed = 0;
        for (Result r : latest.values()) {
            Instant at = r.timestamp() == null ? null : r.timestamp().truncatedTo(ChronoUnit.MICROS);
            Seen before = seen.get(r.userId());
            if (before != null && before.same(r.resultScore(), r.resultMaximum(), at)) {
                continue;
            }
            changed++;
            apply(task, r.userId(), r.resultScore(), r.resultMaximum(), at, before, names, problems);
        }
        for (Seen gone : seen.values()) {
            if (!latest.containsKey(gone.userId()) && gone.score() != null) {
                changed++;
                apply(task, gone.userId(), null, null, null, gone, names, problems);
            }
        }
        String problem = problems.isEmpty() ? null : problems.size() + " of the changed grades could not be applied and will "
                + "be tried again: " + String.join("; ", problems);
        return new PullReport(latest.size(), changed, problem);
    }

    /** One learner's changed grade, applied and remembered in one transaction. */
    private void apply(AssessmentTask task, String userId, Double score, Double maximum, Instant gradedAt, Seen before,
            Names names, List<String> problems) {
        boolean passed = score != null && maximum != null && task.passes(score, maximum);
        boolean wasApplied = before != null && before.applied();
        try {
            String name = passed && (before == null || before.learnerUnitId() == null) ? names.of(userId) : null;
            transaction.executeWithoutResult(tx -> {
                GradebookGrade.Applied applied = passed || wasApplied ? assessment.recordFromGradebook(new GradebookGrade(
                        task.course(), userId, name, task.frameworkId(), task.unitCode(), task.id(), task.title(), task.criteria(),
                        passed, score == null ? null : AssessmentTask.number(score) + "/" + AssessmentTask.number(maximum),
                        task.passMarkText(), gradedAt, task.createdBy(), task.createdByName())) : null;
                boolean nowApplied = applied == null ? false
                        : applied.effect() == GradebookGrade.Effect.UNIT_SIGNED_OFF ? wasApplied
                        : applied.effect() == GradebookGrade.Effect.MET || applied.effect() == GradebookGrade.Effect.ALREADY_MET;
                String note = applied != null ? applied.summary()
                        : score == null ? "no grade" : "below the pass mark " + task.passMarkText();
                remember(task, userId, score, maximum, gradedAt, passed, nowApplied,
                        applied != null && applied.learnerUnitId() != null ? applied.learnerUnitId()
                                : before == null ? null : before.learnerUnitId(), note);
            });
        } catch (RuntimeException e) {
            log.warn("Could not apply the LMS grade of user {} on assessment task {}: {}", userId, task.id(), e.getMessage());
            problems.add("user " + userId + ": " + e.getMessage());
        }
    }

    private void remember(AssessmentTask task, String userId, Double score, Double maximum, Instant gradedAt, boolean passed,
            boolean applied, UUID learnerUnitId, String note) {
        Timestamp at = gradedAt == null ? null : Timestamp.from(gradedAt);
        Timestamp now = Timestamp.from(clock.instant());
        String shortNote = note.length() > 1000 ? note.substring(0, 999) + "…" : note;
        int updated = jdbc.sql("""
                UPDATE assessment_task_grade SET result_score = ?, result_maximum = ?, result_timestamp = ?, passed = ?,
                    applied = ?, learner_unit_id = ?, note = ?, seen_at = ? WHERE task_id = ? AND user_id = ?""")
                .params(score, maximum, at, passed, applied, learnerUnitId, shortNote, now, task.id(), userId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO assessment_task_grade (task_id, user_id, result_score, result_maximum, result_timestamp, passed,
                        applied, learner_unit_id, note, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(task.id(), userId, score, maximum, at, passed, applied, learnerUnitId, shortNote, now).update();
        }
    }

    /**
     * The task's grade column: the one the launch names, else the one Deep Linking made for the
     * activity (found by the activity, then by the task's resourceId and tag), else a new one when
     * the platform took none with the activity.
     */
    private String lineItemOf(AssessmentTask task, Platform platform, LinkService link) throws PlatformCallFailed, ColumnMissing {
        if (link.lineItemUrl() != null) {
            return link.lineItemUrl();
        }
        if (link.lineItemsUrl() == null) {
            throw new ColumnMissing("the LMS names no gradebook column for this task and offers no line items service to find it");
        }
        List<LineItem> found = ags.lineItems(platform, link.lineItemsUrl(),
                new AgsClient.LineItemFilter(task.resourceLinkId(), null, null));
        if (found.isEmpty()) {
            found = ags.lineItems(platform, link.lineItemsUrl(), new AgsClient.LineItemFilter(null, task.resourceId(), AssessmentTask.TAG));
        }
        LineItem column;
        if (!found.isEmpty()) {
            column = found.get(0);
        } else if (link.grants(AgsClient.SCOPE_LINE_ITEM)) {
            column = ags.create(platform, link.lineItemsUrl(), LineItem.wanted(task.title(), task.scoreMaximum(), task.resourceId(),
                    AssessmentTask.TAG, task.resourceLinkId()));
        } else {
            throw new ColumnMissing("the LMS gradebook has no column for this task and Attest may not create one; place the "
                    + "task again with Deep Linking, or allow Attest to manage gradebook columns");
        }
        links.lineItemFound(platform.id(), task.resourceLinkId(), column.id());
        return column.id();
    }

    /** The grade column cannot be found or made; the message says why. */
    private static final class ColumnMissing extends Exception {
        ColumnMissing(String message) {
            super(message);
        }
    }

    /** The last grade seen for a learner. */
    private record Seen(String userId, Double score, Double maximum, Instant gradedAt, boolean applied, UUID learnerUnitId) {

        boolean same(Double newScore, double newMaximum, Instant newGradedAt) {
            return Objects.equals(score, newScore) && (newScore == null || Objects.equals(maximum, newMaximum))
                    && Objects.equals(gradedAt, newGradedAt);
        }
    }

    /**
     * Names of learners Attest has not met, from the course roster (NRPS), read once per pull and
     * only when needed; without a roster the portfolio shows "user &lt;id&gt;" until they launch.
     */
    private final class Names {
        private final Platform platform;
        private final LinkService link;
        private Map<String, String> roster;

        Names(Platform platform, LinkService link) {
            this.platform = platform;
            this.link = link;
        }

        String of(String userId) {
            if (roster == null) {
                roster = new HashMap<>();
                if (link.membershipsUrl() != null) {
                    try {
                        nrps.members(platform, link.membershipsUrl()).members().stream().filter(m -> m.name() != null)
                                .forEach(m -> roster.put(m.userId(), m.name()));
                    } catch (PlatformCallFailed e) {
                        log.info("No names from the roster for assessment task grades: {}", e.getMessage());
                    }
                }
            }
            return roster.get(userId);
        }
    }
}
