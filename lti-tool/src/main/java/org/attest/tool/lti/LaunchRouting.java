package org.attest.tool.lti;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.CourseLinks.LinkedTask;
import org.attest.tool.lti.CourseLinks.LinkedUnit;
import org.attest.tool.lti.LaunchRouting.Destination.AdminHome;
import org.attest.tool.lti.LaunchRouting.Destination.Caseload;
import org.attest.tool.lti.LaunchRouting.Destination.ChooseUnit;
import org.attest.tool.lti.LaunchRouting.Destination.Landing;
import org.attest.tool.lti.LaunchRouting.Destination.PlaceUnits;
import org.attest.tool.lti.LaunchRouting.Destination.Portfolio;
import org.attest.tool.lti.LaunchRouting.Destination.Refused;
import org.attest.tool.lti.LaunchRouting.Destination.TaskPage;
import org.springframework.stereotype.Service;

/**
 * Where a launch lands: by who launched (operator, learner, tutor, centre administrator), the message (deep linking or
 * a course link) and what the link opens (an assessment task, a unit, nothing yet). A task link wins over a unit: its
 * activity is never bound as a unit.
 */
@Service
public class LaunchRouting {

    /** The custom parameter a link placed for a unit carries, shown on the landing page of a launch without a course. */
    static final String CUSTOM_UNIT = "attest_unit";

    /**
     * Where a launch lands. A destination that is another page of the session says its path under the session
     * ({@code /s/{token}}), so the launch redirects straight there; the others are pages of the landing URL itself.
     */
    public sealed interface Destination {

        /** The path under the session to redirect to; {@code /} (the landing page) for what the landing page shows. */
        default String pathInSession() {
            return "/";
        }

        /** The operator has no course: their home is the admin pages. */
        record AdminHome() implements Destination {
            @Override
            public String pathInSession() {
                return "/admin";
            }
        }

        /** A tutor's deep-linking request: the picker of units to place as activities. */
        record PlaceUnits() implements Destination {
        }

        /** Nothing for this user here: answered 403 with the reason. */
        record Refused(String reason) implements Destination {
        }

        /** The tutor's page of an assessment task, with the grades read back from the LMS. */
        record TaskPage(UUID taskId) implements Destination {
            @Override
            public String pathInSession() {
                return "/tasks/" + taskId;
            }
        }

        /** The learner's portfolio for the unit; {@code taskId} when they came from an assessment task's activity, else null. */
        record Portfolio(UUID learnerUnitId, UUID taskId) implements Destination {
            @Override
            public String pathInSession() {
                return "/portfolio/" + learnerUnitId + (taskId == null ? "" : "?task=" + taskId);
            }
        }

        /** The assessor's caseload, filtered to the link's unit. */
        record Caseload(String unitCode) implements Destination {
            @Override
            public String pathInSession() {
                return "/caseload?unit=" + URLEncoder.encode(unitCode, StandardCharsets.UTF_8);
            }
        }

        /** A tutor opened an activity nobody has chosen a unit for: the picker of units to bind it to. */
        record ChooseUnit() implements Destination {
        }

        /**
         * The page that says who launched, from where and as what, and the unit the link is for ({@code unitCode}, may be
         * null); {@code notReady} when the link has no unit yet and this user cannot choose one.
         */
        record Landing(String unitCode, boolean notReady) implements Destination {
        }
    }

    private final CourseLinks.Tasks tasks;
    private final CourseLinks.Units units;

    public LaunchRouting(CourseLinks.Tasks tasks, CourseLinks.Units units) {
        this.tasks = tasks;
        this.units = units;
    }

    public Destination route(LtiPrincipal user) {
        if (user.platformId() == null) {
            return new AdminHome();
        }
        if (user.requestsDeepLinking()) {
            return placesActivities(user) ? new PlaceUnits() : new Refused("only tutors place activities");
        }
        if (user.contextId() == null || user.resourceLinkId() == null) {
            return new Landing(user.custom().get(CUSTOM_UNIT), false);
        }
        units.launched(user);
        Optional<LinkedTask> task = tasks.forLaunch(user);
        if (task.isPresent()) {
            return toTask(user, task.get());
        }
        Optional<LinkedUnit> unit = units.forLaunch(user);
        if (unit.isPresent() && user.has(AttestRole.LEARNER) && !user.has(AttestRole.ASSESSOR)) {
            return new Portfolio(unit.get().openForLearner(user), null);
        }
        if (unit.isPresent() && user.has(AttestRole.ASSESSOR)) {
            return new Caseload(unit.get().unitCode());
        }
        if (unit.isEmpty() && placesActivities(user)) {
            return new ChooseUnit();
        }
        return new Landing(unit.map(LinkedUnit::unitCode).orElse(null), unit.isEmpty());
    }

    private Destination toTask(LtiPrincipal user, LinkedTask task) {
        if (user.has(AttestRole.ASSESSOR)) {
            return new TaskPage(task.id());
        }
        if (user.has(AttestRole.LEARNER)) {
            // The learner works on the task's unit; the activity itself is no unit binding, so no unit progress goes to its column.
            return new Portfolio(task.openForLearner(user), task.id());
        }
        return new Landing(task.unitCode(), false);
    }

    /** A deep-linking launch by someone who places activities: the one that may place units and tasks. */
    public static boolean placesByDeepLinking(LtiPrincipal user) {
        return user.requestsDeepLinking() && placesActivities(user);
    }

    /** Tutors and centre administrators place activities (by Deep Linking) and choose their units. */
    public static boolean placesActivities(LtiPrincipal user) {
        return user.has(AttestRole.ASSESSOR) || user.has(AttestRole.CENTRE_ADMIN);
    }
}
