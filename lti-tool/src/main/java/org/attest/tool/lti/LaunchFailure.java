package org.attest.tool.lti;

/**
 * Every reason a login or launch is refused, with the HTTP status of the page and a reason code
 * for the log. The detail sentence travels in {@link LaunchRejectedException}.
 */
enum LaunchFailure {
    LOGIN_PARAMETER_MISSING(400),
    LOGIN_PARAMETER_INVALID(400),
    TOO_MANY_LOGINS(503),
    UNKNOWN_PLATFORM(400),
    PLATFORM_DISABLED(403),
    TOKEN_MISSING(400),
    PLATFORM_REFUSED_LOGIN(400),
    TOKEN_TOO_LARGE(413),
    TOKEN_MALFORMED(400),
    TOKEN_UNSIGNED(401),
    ALGORITHM_NOT_ALLOWED(401),
    STATE_MISSING(400),
    STATE_UNKNOWN(401),
    STATE_REPLAYED(401),
    STATE_OTHER_PLATFORM(401),
    ISSUER_MISMATCH(401),
    KEY_UNKNOWN(401),
    JWKS_UNAVAILABLE(503),
    SIGNATURE_INVALID(401),
    AUDIENCE_MISMATCH(401),
    AZP_MISMATCH(401),
    EXPIRED(401),
    ISSUED_IN_FUTURE(401),
    NONCE_MISSING(401),
    NONCE_MISMATCH(401),
    DEPLOYMENT_UNKNOWN(403),
    MESSAGE_TYPE_UNSUPPORTED(400),
    VERSION_UNSUPPORTED(400),
    TARGET_LINK_ELSEWHERE(400),
    CLAIM_MISSING(400),
    BROWSER_MISMATCH(401),
    SESSION_EXPIRED(401);

    private final int status;

    LaunchFailure(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
