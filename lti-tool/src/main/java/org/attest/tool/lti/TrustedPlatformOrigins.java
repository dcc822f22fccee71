package org.attest.tool.lti;

import java.net.URI;

/**
 * URLs Attest calls whatever the egress policy says, because they are served by this application
 * itself: the in-process sandbox LMS contributes its base URL. A bean of this type exists only
 * while that part of the application runs.
 */
public interface TrustedPlatformOrigins {

    /** Whether this normalised absolute URL is served in process and may be called on a loopback or private address. */
    boolean trusts(URI url);
}
