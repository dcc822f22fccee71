package org.attest.tool.portfolio;

import java.util.Map;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.internal.AuditAction;
import org.attest.tool.portfolio.internal.AuditEntry;
import org.springframework.stereotype.Component;

/** Writes portfolio changes to the audit trail, in the transaction of the change, naming who and where. */
@Component
class PortfolioAudit {

    private final AuditTrail trail;

    PortfolioAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(LtiPrincipal actor, LearnerUnit unit, AuditAction action, Map<String, Object> detail) {
        record(actor.subject(), actor.displayName(), unit, action, detail);
    }

    /** For changes nobody made in Attest at the time, such as a grade read from the LMS gradebook. */
    void record(String actorSubject, String actorName, LearnerUnit unit, AuditAction action, Map<String, Object> detail) {
        Course course = unit.course();
        trail.append(new AuditEntry(course.platformId(), course.deploymentId(), course.contextId(), actorSubject, actorName,
                action, unit.id(), detail));
    }
}
