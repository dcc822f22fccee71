package org.attest.tool.lti;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An administration request Attest did not carry out; nothing was changed. The message is a
 * sentence for the centre administrator; {@link #fields()} says which form field each problem is in.
 */
public class AdminRefused extends RuntimeException {

    public enum Kind {
        /** The input is wrong (HTTP 400). */
        INVALID(400),
        /** No such platform or deployment, or not one this administrator manages (HTTP 404). */
        NOT_FOUND(404),
        /** The administrator may not do this (HTTP 403). */
        NOT_ALLOWED(403);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final Map<String, String> fields;

    private AdminRefused(Kind kind, String message, Map<String, String> fields) {
        super(message);
        this.kind = kind;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** One problem per field, in form order; the message joins them into one sentence. */
    static AdminRefused invalid(Map<String, String> problems) {
        String sentence = problems.values().stream().collect(Collectors.joining("; ")) + ".";
        return new AdminRefused(Kind.INVALID, sentence, problems);
    }

    public static AdminRefused invalid(String field, String problem) {
        return invalid(Map.of(field, problem));
    }

    public static AdminRefused notFound(String message) {
        return new AdminRefused(Kind.NOT_FOUND, message, Map.of());
    }

    public static AdminRefused notAllowed(String message) {
        return new AdminRefused(Kind.NOT_ALLOWED, message, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    /** Problems by field name ({@code issuer}, {@code clientId}, {@code jwksUri}, {@code deploymentId}, ...). */
    public Map<String, String> fields() {
        return fields;
    }
}
