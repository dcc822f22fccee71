package org.attest.tool.lti;

import org.springframework.security.core.AuthenticationException;

/** A launch failed one of the checks; the message says which, for the page and the log. */
class LaunchRejectedException extends AuthenticationException {

    private final LaunchFailure failure;

    public LaunchRejectedException(LaunchFailure failure, String detail) {
        super(detail);
        this.failure = failure;
    }

    public LaunchFailure failure() {
        return failure;
    }
}
