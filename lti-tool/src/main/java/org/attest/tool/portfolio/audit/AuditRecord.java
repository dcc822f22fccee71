package org.attest.tool.portfolio.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One stored audit event, for display. {@code detail} holds the facts with keys in sorted order;
 * decimals read back as BigDecimal, whole numbers as Integer or Long.
 */
record AuditRecord(long seq, Instant occurredAt, UUID platformId, String deploymentId, String contextId, String actor,
        String actorName, AuditAction action, UUID subjectId, Map<String, Object> detail, String prevHash, String hash) {
}
