package org.attest.tool.lti;

import org.attest.tool.lti.internal.LaunchSessions;
import org.springframework.stereotype.Service;

/**
 * Starts a tool session for someone who signed in without an LTI launch (an external verifier with a centre's
 * grant), so their pages live under {@code /s/{token}/...} like a launch's: same lifetime, idle timeout and checks.
 */
@Service
public class SessionStarter {

    private final LaunchSessions sessions;

    SessionStarter(LaunchSessions sessions) {
        this.sessions = sessions;
    }

    /** A new active session for this principal; returns the token its pages carry ({@code /s/{token}/...}). */
    public String start(LtiPrincipal principal) {
        return sessions.start(principal, LaunchSessions.Status.ACTIVE, null);
    }

    /** Ends the session the token names (nothing happens for an unknown token). */
    public void end(String token) {
        sessions.end(token);
    }
}
