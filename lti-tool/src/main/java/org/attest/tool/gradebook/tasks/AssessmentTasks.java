package org.attest.tool.gradebook.tasks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.standards.FrameworkCatalog;
import org.attest.tool.standards.FrameworkCatalog.PlaceableUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Assessment tasks: made when a tutor places one by Deep Linking (its id travels in the activity's
 * custom parameter {@code attest_task}), bound to the activity on its first launch, and copied when
 * the activity turns up in another course (a course copied for a new year).
 */
@Service
public class AssessmentTasks {

    public static final String CUSTOM_TASK = "attest_task";
    public static final double DEFAULT_SCORE_MAXIMUM = 100;
    /** Half marks, the usual pass of a graded assignment, unless the tutor sets the task's own. */
    public static final double DEFAULT_PASS_MARK = 50;
    static final int MAX_SCORE = 1000;

    /** What the tutor typed into the task form, before checking. */
    public record TaskInput(String frameworkId, String unitCode, List<String> criteria, String title, String scoreMaximum,
            String passMark) {

        public TaskInput {
            criteria = criteria == null ? List.of() : List.copyOf(criteria);
        }
    }

    /** How long this replica trusts that a link it found bound to no task still is (see {@link #knownWithoutTask}). */
    static final Duration KNOWN_FOR = Duration.ofMinutes(1);
    private static final int KEPT_AT_MOST = 10_000;

    private record Link(UUID platformId, String resourceLinkId) {
    }

    private final Cache<Link, Boolean> withoutTask = Caffeine.newBuilder().maximumSize(KEPT_AT_MOST).expireAfterWrite(KNOWN_FOR).build();
    private final JdbcClient jdbc;
    private final FrameworkCatalog catalog;
    private final Clock clock;

    AssessmentTasks(JdbcClient jdbc, FrameworkCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A task a tutor is placing in their course by Deep Linking; every problem with the input is named at once. */
    public AssessmentTask create(LtiPrincipal tutor, TaskInput input) {
        PortfolioAccess.requireTutor(tutor, "only tutors set assessment tasks");
        Course course = Course.of(tutor);
        PlaceableUnit unit = input.frameworkId() == null || input.unitCode() == null ? null
                : catalog.unit(course.platformId(), input.frameworkId(), input.unitCode()).orElse(null);
        if (unit == null) {
            throw PortfolioRefused.invalid("choose the unit the task assesses; unit " + input.unitCode()
                    + " is not in Attest's frameworks");
        }
        List<String> problems = new ArrayList<>();
        String title = input.title() == null ? "" : input.title().strip();
        if (title.isEmpty()) {
            problems.add("give the task a title: the LMS shows it as the activity and its grade column");
        } else if (title.length() > 200) {
            problems.add("the title is longer than 200 characters");
        }
        Set<String> chosen = new LinkedHashSet<>(input.criteria());
        List<String> codes = unit.unit().criteria().map(Criterion::code).filter(chosen::contains).toList();
        chosen.removeAll(codes);
        if (!chosen.isEmpty()) {
            problems.add(String.join(", ", chosen) + (chosen.size() == 1 ? " is not a criterion" : " are not criteria")
                    + " of Unit " + unit.unit().code());
        } else if (codes.isEmpty()) {
            problems.add("tick the criteria a pass on this task meets");
        }
        Double maximum = number(input.scoreMaximum(), DEFAULT_SCORE_MAXIMUM);
        if (maximum == null || maximum <= 0 || maximum > MAX_SCORE) {
            problems.add("the maximum score must be a number above 0 and at most " + MAX_SCORE + ", was '" + input.scoreMaximum() + "'");
        }
        Double passMark = number(input.passMark(), maximum == null ? DEFAULT_PASS_MARK : maximum / 2);
        if (passMark == null || passMark <= 0) {
            problems.add("the pass mark must be a number above 0, was '" + input.passMark() + "'");
        } else if (maximum != null && maximum > 0 && passMark > maximum) {
            problems.add("the pass mark " + AssessmentTask.number(passMark) + " is above the maximum score "
                    + AssessmentTask.number(maximum));
        }
        if (!problems.isEmpty()) {
            throw PortfolioRefused.invalid(String.join("; ", problems));
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO assessment_task (id, platform_id, deployment_id, context_id, title, framework_id, unit_code, criteria,
                    score_maximum, pass_mark, created_by, created_by_name, created_at, next_pull_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, course.platformId(), course.deploymentId(), course.contextId(), title, unit.framework().id(),
                        unit.unit().code(), String.join(",", codes), maximum, passMark, tutor.subject(), tutor.displayName(),
                        now, now)
                .update();
        return find(id).orElseThrow();
    }

    /**
     * The task of the launched activity: bound already, or bound now from the deep-linking custom
     * parameter. A task already bound to another activity (the activity was copied with its course)
     * is copied for this one, in the launch's course. Empty for an activity that is no task.
     */
    public Optional<AssessmentTask> forLaunch(LtiPrincipal user) {
        if (user.platformId() == null || user.contextId() == null || user.resourceLinkId() == null) {
            return Optional.empty();
        }
        if (knownWithoutTask(user)) {
            return Optional.empty();
        }
        Course course = Course.of(user);
        Link link = new Link(user.platformId(), user.resourceLinkId());
        Optional<AssessmentTask> bound = byLink(user.platformId(), user.resourceLinkId());
        if (bound.isPresent()) {
            return bound.filter(t -> t.course().equals(course));
        }
        String placed = user.custom().get(CUSTOM_TASK);
        if (placed == null) {
            withoutTask.put(link, true);
            return Optional.empty();
        }
        withoutTask.invalidate(link);
        AssessmentTask task = parse(placed).flatMap(this::find).filter(t -> t.course().platformId().equals(user.platformId()))
                .orElseThrow(() -> PortfolioRefused.notFound("the assessment task this activity was placed for"));
        Timestamp now = Timestamp.from(clock.instant());
        if (task.resourceLinkId() == null && task.course().equals(course)) {
            try {
                // Due at once: the first pull reads any grade entered before anyone launched.
                int updated = jdbc.sql("""
                        UPDATE assessment_task SET resource_link_id = ?, bound_at = ?, next_pull_at = ?
                        WHERE id = ? AND resource_link_id IS NULL""")
                        .params(user.resourceLinkId(), now, now, task.id()).update();
                if (updated == 1) {
                    return find(task.id());
                }
            } catch (DuplicateKeyException raced) {
                // another launch bound a copy to this activity first
            }
            return byLink(user.platformId(), user.resourceLinkId()).filter(t -> t.course().equals(course));
        }
        UUID copy = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO assessment_task (id, platform_id, deployment_id, context_id, title, framework_id, unit_code,
                        criteria, score_maximum, pass_mark, created_by, created_by_name, created_at, copied_from,
                        resource_link_id, bound_at, next_pull_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(copy, course.platformId(), course.deploymentId(), course.contextId(), task.title(), task.frameworkId(),
                            task.unitCode(), String.join(",", task.criteria()), task.scoreMaximum(), task.passMark(),
                            task.createdBy(), task.createdByName(), now, task.id(), user.resourceLinkId(), now, now)
                    .update();
        } catch (DuplicateKeyException raced) {
            return byLink(user.platformId(), user.resourceLinkId()).filter(t -> t.course().equals(course));
        }
        return find(copy);
    }

    /**
     * Whether this launch is known to open no task: it names none in its custom parameters, and this replica found its
     * link bound to none within {@link #KNOWN_FOR}. A link becomes a task's only by a launch that names the task, which
     * is never answered from here; a launch naming none after one that named a task is seen once that time has passed.
     */
    boolean knownWithoutTask(LtiPrincipal user) {
        if (user.platformId() == null || user.resourceLinkId() == null || user.custom().get(CUSTOM_TASK) != null) {
            return false;
        }
        return withoutTask.getIfPresent(new Link(user.platformId(), user.resourceLinkId())) != null;
    }

    /** A task of the user's course, for anyone launched into that course; anything else is "not found". */
    public AssessmentTask visible(LtiPrincipal user, UUID id) {
        return find(id).filter(t -> user.platformId() != null && t.course().platformId().equals(user.platformId())
                        && t.course().deploymentId().equals(user.deploymentId()) && t.course().contextId().equals(user.contextId()))
                .orElseThrow(() -> PortfolioRefused.notFound("that assessment task"));
    }

    /** The course's tasks, newest first. */
    public List<AssessmentTask> inCourse(Course course) {
        return jdbc.sql("""
                SELECT * FROM assessment_task WHERE platform_id = ? AND deployment_id = ? AND context_id = ?
                ORDER BY created_at DESC, id""")
                .params(course.platformId(), course.deploymentId(), course.contextId())
                .query(AssessmentTasks::row).list();
    }

    public Optional<AssessmentTask> find(UUID id) {
        return jdbc.sql("SELECT * FROM assessment_task WHERE id = ?").param(id).query(AssessmentTasks::row).optional();
    }

    private Optional<AssessmentTask> byLink(UUID platformId, String resourceLinkId) {
        return jdbc.sql("SELECT * FROM assessment_task WHERE platform_id = ? AND resource_link_id = ?")
                .params(platformId, resourceLinkId).query(AssessmentTasks::row).optional();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A number as typed; blank means the default. */
    private static Double number(String typed, double byDefault) {
        if (typed == null || typed.isBlank()) {
            return byDefault;
        }
        try {
            return new BigDecimal(typed.strip()).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static AssessmentTask row(ResultSet rs, int n) throws SQLException {
        return new AssessmentTask(rs.getObject("id", UUID.class),
                new Course(rs.getObject("platform_id", UUID.class), rs.getString("deployment_id"), rs.getString("context_id")),
                rs.getString("title"), rs.getObject("framework_id", UUID.class), rs.getString("unit_code"),
                Arrays.stream(rs.getString("criteria").split(",")).filter(c -> !c.isBlank()).toList(),
                rs.getDouble("score_maximum"), rs.getDouble("pass_mark"), rs.getString("created_by"),
                rs.getString("created_by_name"), instant(rs, "created_at"), rs.getString("resource_link_id"),
                instant(rs, "last_pull_at"), rs.getString("last_error"), instant(rs, "last_error_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
