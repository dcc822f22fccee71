package org.attest.tool.gradebook.tasks;

import java.util.UUID;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LaunchedTasks;
import org.springframework.stereotype.Component;

/** Tells the portfolio's unit overview which assessment task the learner launched it from. */
@Component
class OverviewTasks implements LaunchedTasks {

    private final AssessmentTasks tasks;

    OverviewTasks(AssessmentTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public Task visible(LtiPrincipal user, UUID id) {
        AssessmentTask task = tasks.visible(user, id);
        return new Task(task.title(), task.unitCode(), task.passMarkText(), task.criteria());
    }
}
