package org.attest.tool.portfolio.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One fact for the audit trail, as a portfolio service hands it to {@link AuditTrail#append}.
 *
 * @param platformId the tenant; null for operator actions
 * @param deploymentId the LTI deployment the actor launched from, if any
 * @param contextId the LTI context (course), if any
 * @param actor the actor's LTI subject, or {@code "operator"}
 * @param actorName the actor's name as the platform gave it, if any
 * @param action what happened
 * @param subjectId what it happened to (e.g. the learner's unit), if anything
 * @param detail the facts that make the event meaningful on its own (evidence id and version, criterion
 *     codes, outcome...): text, numbers, booleans, UUIDs, enums, Instants, LocalDates, and maps, lists and
 *     sets of them; stored as canonical JSON
 */
public record AuditEntry(UUID platformId, String deploymentId, String contextId, String actor, String actorName,
        AuditAction action, UUID subjectId, Map<String, Object> detail) {

    public AuditEntry {
        Objects.requireNonNull(actor, "an audit entry needs an actor (the LTI subject, or \"operator\")");
        Objects.requireNonNull(action, "an audit entry needs an action");
        // A copy that allows null values, which facts may legitimately have.
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
