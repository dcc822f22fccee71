package org.attest.tool.gradebook.tasks;

import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LaunchRouting;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformAdministration;
import org.attest.tool.portfolio.PortfolioAccess;
import org.attest.tool.portfolio.PortfolioRefused;
import org.springframework.stereotype.Component;

/**
 * Who may do what in the gradebook, for its pages and services alike: tutors read a task's grades
 * ({@link PortfolioAccess#requireAssessor}); tutors and centre administrators (course staff: {@link LaunchRouting#placesActivities},
 * {@link PortfolioAccess#requireTutor}) set tasks, place them by Deep Linking and start roster reads; an administrator sees
 * and resends the scores of the platforms they manage, and no other.
 */
@Component
public class GradebookAccess {

    private final PlatformAdministration administration;

    GradebookAccess(PlatformAdministration administration) {
        this.administration = administration;
    }

    /** A tutor or assessor of the course. */
    public static boolean isTutor(LtiPrincipal user) {
        return user.has(AttestRole.ASSESSOR);
    }

    /** Tasks are placed from a deep-linking launch by course staff only. */
    public static void requirePlacingTasks(LtiPrincipal user) {
        if (!LaunchRouting.placesByDeepLinking(user)) {
            throw PortfolioRefused.forbidden("assessment tasks are placed by tutors, from the LMS's \"add an activity\" for Attest");
        }
    }

    /** The platforms whose score queues this administrator sees. */
    public List<Platform> managedPlatforms(LtiPrincipal admin) {
        return administration.visibleTo(admin);
    }

    public boolean manages(LtiPrincipal admin, UUID platformId) {
        return managedPlatforms(admin).stream().anyMatch(p -> p.id().equals(platformId));
    }
}
