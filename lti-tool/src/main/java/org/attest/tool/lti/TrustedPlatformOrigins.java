package org.attest.tool.lti;

import java.net.URI;

/**
 * URLs Attest calls whatever the egress policy says: those under {@code attest.platform-http.trusted-origins}
 * ({@link ConfiguredTrustedOrigins}), such as the sandbox LMS that {@code attest-sandbox.jar} runs beside Attest
 * on localhost.
 */
interface TrustedPlatformOrigins {

    /** Whether this normalised absolute URL may be called on a loopback or private address. */
    boolean trusts(URI url);
}
