package org.attest.tool.lti;

import java.time.Duration;

/**
 * A {@link PlatformHttp} made outside Spring, for tests of other modules whose platform is WireMock on 127.0.0.1,
 * which the egress policy refuses unless private networks are allowed.
 */
public final class TestPlatformHttp {

    private TestPlatformHttp() {
    }

    /** Private networks allowed, the default timeouts. */
    public static PlatformHttp onLoopback() {
        return new PlatformHttp(PlatformHttpProperties.defaults().withAllowPrivateNetworks(true));
    }

    /** Private networks allowed, and a whole call given at most {@code requestTimeout}. */
    public static PlatformHttp onLoopback(Duration requestTimeout) {
        return new PlatformHttp(PlatformHttpProperties.defaults().withAllowPrivateNetworks(true).withRequestTimeout(requestTimeout));
    }
}
