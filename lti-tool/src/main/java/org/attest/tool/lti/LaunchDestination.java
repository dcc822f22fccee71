package org.attest.tool.lti;

import java.util.UUID;

/** Where a launch lands, as {@link LaunchRouting} decides; the landing page turns it into a redirect or a page. */
public sealed interface LaunchDestination {

    /** The operator has no course: their home is the admin pages. */
    record AdminHome() implements LaunchDestination {
    }

    /** A tutor's deep-linking request: the picker of units to place as activities. */
    record PlaceUnits() implements LaunchDestination {
    }

    /** Nothing for this user here: answered 403 with the reason. */
    record Refused(String reason) implements LaunchDestination {
    }

    /** The tutor's page of an assessment task, with the grades read back from the LMS. */
    record TaskPage(UUID taskId) implements LaunchDestination {
    }

    /** The learner's portfolio for the unit; {@code taskId} when they came from an assessment task's activity, else null. */
    record Portfolio(UUID learnerUnitId, UUID taskId) implements LaunchDestination {
    }

    /** The assessor's caseload, filtered to the link's unit. */
    record Caseload(String unitCode) implements LaunchDestination {
    }

    /** A tutor opened an activity nobody has chosen a unit for: the picker of units to bind it to. */
    record ChooseUnit() implements LaunchDestination {
    }

    /**
     * The page that says who launched, from where and as what, and the unit the link is for ({@code unitCode}, may be
     * null); {@code notReady} when the link has no unit yet and this user cannot choose one.
     */
    record Landing(String unitCode, boolean notReady) implements LaunchDestination {
    }
}
