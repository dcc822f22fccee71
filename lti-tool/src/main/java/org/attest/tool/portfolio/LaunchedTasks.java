package org.attest.tool.portfolio;

import java.util.List;
import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;

/**
 * The outside task a learner launched a unit from (an assessment task marked in the LMS gradebook), as the
 * unit's overview describes it. The gradebook module owns tasks and answers.
 */
public interface LaunchedTasks {

    /** The task, when it belongs to the user's course; else {@link PortfolioRefused} not found. */
    Task visible(LtiPrincipal user, UUID id);

    /** What the overview says of a task: its title, the unit it is for, the mark that passes and the criteria a pass meets. */
    record Task(String title, String unitCode, String passMarkText, List<String> criteria) {
    }
}
