package org.attest.tool.portfolio.internal;

import java.util.Map;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.audit.AuditAction;
import org.attest.tool.portfolio.audit.AuditEntry;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.springframework.stereotype.Component;

/** Writes portfolio changes to the audit trail, in the transaction of the change, naming who and where. */
@Component
class PortfolioAudit {

    private final AuditTrail trail;

    PortfolioAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(String actorSubject, String actorName, LearnerUnit unit, AuditAction action, Map<String, Object> detail) {
        Course course = unit.course();
        trail.append(new AuditEntry(course.platformId(), course.deploymentId(), course.contextId(), actorSubject, actorName,
                action, unit.id(), detail));
    }
}
