package org.attest.tool.portfolio.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** An audit_event row as stored, and the hash its contents should have (the format is in {@link AuditTrail}). */
record AuditRow(long seq, Instant occurredAt, UUID platformId, String deploymentId, String contextId, String actor,
        String actorName, String action, UUID subjectId, String detail, String prevHash, String hash) {

    static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter OCCURRED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The canonical JSON object the hash is taken over. */
    String hashInput() {
        return CanonicalJson.write(hashedFields());
    }

    /** The row as one line of canonical JSON: the hashed fields and the stored {@code hash}. */
    String storedLine() {
        Map<String, Object> fields = hashedFields();
        fields.put("hash", hash);
        return CanonicalJson.write(fields);
    }

    private Map<String, Object> hashedFields() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("seq", seq);
        fields.put("occurredAt", occurredAt == null ? null : OCCURRED_AT.format(occurredAt));
        fields.put("platformId", platformId);
        fields.put("deploymentId", deploymentId);
        fields.put("contextId", contextId);
        fields.put("actor", actor);
        fields.put("actorName", actorName);
        fields.put("action", action);
        fields.put("subjectId", subjectId);
        fields.put("detail", detail); // the stored text, as a JSON string, so no two rows can serialize alike
        fields.put("prevHash", prevHash);
        return fields;
    }

    String computedHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(hashInput().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    AuditRow withHash() {
        return new AuditRow(seq, occurredAt, platformId, deploymentId, contextId, actor, actorName, action, subjectId, detail,
                prevHash, computedHash());
    }
}
