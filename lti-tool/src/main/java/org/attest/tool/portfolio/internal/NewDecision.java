package org.attest.tool.portfolio.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.tool.portfolio.AssessmentDecision;
import org.attest.tool.portfolio.audit.AuditAction;

/**
 * A decision on one criterion, as the rules made it and before it is stored.
 *
 * @param supersedes the current decision on the criterion it replaces; null when it is the first
 * @param countersignatureNeeded the assessor is flagged unqualified
 */
public record NewDecision(UUID id, UUID learnerUnitId, Criterion criterion, Outcome outcome, String feedback,
        Set<UUID> evidenceReliedOn, AssessmentDecision.Source source, String assessorSubject, String assessorName,
        boolean countersignatureNeeded, UUID supersedes, Instant at) {

    public NewDecision {
        evidenceReliedOn = Set.copyOf(evidenceReliedOn);
    }

    public Audited audited() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", id.toString());
        detail.put("criterion", criterion.code());
        detail.put("outcome", outcome.name());
        detail.put("feedback", feedback == null ? "" : feedback);
        detail.put("evidence", Rows.joined(evidenceReliedOn));
        detail.put("source", source.name());
        detail.put("countersignatureNeeded", countersignatureNeeded);
        if (supersedes != null) {
            detail.put("supersedes", supersedes.toString());
        }
        return new Audited(assessorSubject, assessorName, AuditAction.DECISION_RECORDED, detail);
    }
}
