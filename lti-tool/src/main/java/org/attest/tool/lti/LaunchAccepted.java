package org.attest.tool.lti;

/**
 * A launch passed every check and its session is active. Published once per launch, outside any
 * transaction; listeners must not fail the launch (catch and log what they cannot do).
 */
public record LaunchAccepted(LtiPrincipal principal) {
}
