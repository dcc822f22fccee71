package org.attest.tool.lti;

import java.util.Optional;
import java.util.UUID;

/**
 * What a launch's course link (resource link) opens, for {@link LaunchRouting}: lti routes launches without knowing
 * units or tasks, the modules that place them answer (portfolio: units, gradebook: assessment tasks).
 */
public final class CourseLinks {

    private CourseLinks() {
    }

    /** Course links placed as assessment tasks. */
    public interface Tasks {

        /** The task this launch's link opens, binding the link to the task its custom parameters name on first launch. */
        Optional<LinkedTask> forLaunch(LtiPrincipal user);
    }

    /** Course links bound to a unit. */
    public interface Units {

        /** Notes a launch into a course link (an assessor is listed from their first one). */
        void launched(LtiPrincipal user);

        /** The unit this launch's link is bound to, binding it to the unit its custom parameters name on first launch. */
        Optional<LinkedUnit> forLaunch(LtiPrincipal user);
    }

    /** An assessment task a link opens, and the unit it is for, as found for this launch. */
    public interface LinkedTask {

        UUID id();

        String unitCode();

        /** Opens the learner's portfolio for the task's unit, made on their first launch; its id. */
        UUID openForLearner(LtiPrincipal learner);
    }

    /** The unit a link is bound to, as found for this launch. */
    public interface LinkedUnit {

        String unitCode();

        /** Opens the learner's portfolio for the link's unit, made on their first launch; its id. */
        UUID openForLearner(LtiPrincipal learner);
    }
}
