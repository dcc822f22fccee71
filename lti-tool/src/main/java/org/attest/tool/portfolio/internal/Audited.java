package org.attest.tool.portfolio.internal;

import java.util.Map;
import org.attest.tool.lti.LtiPrincipal;

/** A change as the audit trail records it: who made it, what it was, and its detail. */
public record Audited(String actorSubject, String actorName, AuditAction action, Map<String, Object> detail) {

    public Audited {
        detail = Map.copyOf(detail);
    }

    public static Audited by(LtiPrincipal actor, AuditAction action, Map<String, Object> detail) {
        return new Audited(actor.subject(), actor.displayName(), action, detail);
    }
}
