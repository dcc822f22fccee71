package org.attest.tool.portfolio;

import java.util.Optional;
import java.util.UUID;
import org.attest.tool.lti.CourseLinks;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.Assessors;
import org.springframework.stereotype.Component;

/** Tells lti's launch routing which unit a course link is bound to, and opens a learner's portfolio for it. */
@Component
class UnitLinks implements CourseLinks.Units {

    private final UnitBindings bindings;
    private final LearnerUnits learnerUnits;
    private final Assessors assessors;

    UnitLinks(UnitBindings bindings, LearnerUnits learnerUnits, Assessors assessors) {
        this.bindings = bindings;
        this.learnerUnits = learnerUnits;
        this.assessors = assessors;
    }

    @Override
    public void launched(LtiPrincipal user) {
        assessors.seen(user);
    }

    @Override
    public Optional<CourseLinks.LinkedUnit> forLaunch(LtiPrincipal user) {
        return bindings.forLaunch(user).map(Bound::new);
    }

    /** The binding found for the launch opens the portfolio, so the launch reads it once. */
    private final class Bound implements CourseLinks.LinkedUnit {

        private final UnitBinding binding;

        Bound(UnitBinding binding) {
            this.binding = binding;
        }

        @Override
        public String unitCode() {
            return binding.unitCode();
        }

        @Override
        public UUID openForLearner(LtiPrincipal learner) {
            return learnerUnits.openIdForLearner(learner, binding);
        }
    }
}
