package org.attest.sandbox;

/**
 * A request to the sandbox's token, AGS or NRPS endpoints that it refuses: the HTTP status, the
 * OAuth-style error code and a description of what was wrong and what to do, answered as
 * {@code {"error": ..., "error_description": ...}}.
 */
final class ServiceRefusal extends Exception {

    private final int status;
    private final String code;

    ServiceRefusal(int status, String code, String description) {
        super(description);
        this.status = status;
        this.code = code;
    }

    static ServiceRefusal badRequest(String description) {
        return new ServiceRefusal(400, "invalid_request", description);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
