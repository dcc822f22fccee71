package org.attest.tool.portfolio.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.audit.AuditAction;

/** A change as the audit trail records it: who made it, what it was, and its detail. */
public record Audited(String actorSubject, String actorName, AuditAction action, Map<String, Object> detail) {

    public Audited {
        // A copy that allows null values, as AuditEntry does: an outside source's detail may have them.
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    public static Audited by(LtiPrincipal actor, AuditAction action, Map<String, Object> detail) {
        return new Audited(actor.subject(), actor.displayName(), action, detail);
    }
}
