package org.attest.tool.gradebook.tasks;

import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.CourseLinks;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnits;
import org.attest.tool.portfolio.UnitBinding;
import org.springframework.stereotype.Component;

/** Tells lti's launch routing which assessment task a course link opens, and opens a learner's portfolio for its unit. */
@Component
class TaskLinks implements CourseLinks.Tasks {

    private final AssessmentTasks tasks;
    private final LearnerUnits learnerUnits;

    TaskLinks(AssessmentTasks tasks, LearnerUnits learnerUnits) {
        this.tasks = tasks;
        this.learnerUnits = learnerUnits;
    }

    @Override
    public Optional<CourseLinks.LinkedTask> forLaunch(LtiPrincipal user) {
        return tasks.forLaunch(user).map(Linked::new);
    }

    /** The task found for the launch opens the portfolio, so the launch reads it once. */
    private final class Linked implements CourseLinks.LinkedTask {

        private final AssessmentTask task;

        Linked(AssessmentTask task) {
            this.task = task;
        }

        @Override
        public UUID id() {
            return task.id();
        }

        @Override
        public String unitCode() {
            return task.unitCode();
        }

        /** The activity itself is no unit binding, so the unit's progress scores never go to the task's grade column. */
        @Override
        public UUID openForLearner(LtiPrincipal learner) {
            return learnerUnits.openForLearner(learner,
                    new UnitBinding(task.course(), learner.resourceLinkId(), task.frameworkId(), task.unitCode(), task.title())).id();
        }
    }
}
