package org.attest.tool.lti;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How Attest calls platforms, under {@code attest.platform-http.} (documented in docs/configuration.md,
 * "Outbound calls").
 *
 * @param allowPrivateNetworks whether platforms on loopback, private, link-local and carrier-grade NAT
 *     addresses may be called (an LMS on the college's own network); cloud metadata, multicast and
 *     unspecified addresses are refused even then
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long the platform may stay silent while answering
 * @param requestTimeout the deadline for a whole call, from connecting to the last byte of the answer
 * @param maxResponseBytes a longer answer is cut off and the call fails
 */
@ConfigurationProperties("attest.platform-http")
record PlatformHttpProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("15s") Duration requestTimeout,
        @DefaultValue("1MB") DataSize maxResponseBytes) {

    public PlatformHttpProperties {
        for (var limit : new Object[][] {{"connect-timeout", connectTimeout}, {"read-timeout", readTimeout},
                {"request-timeout", requestTimeout}}) {
            Duration d = (Duration) limit[1];
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("attest.platform-http." + limit[0] + " must be a positive duration such as 10s; was " + d);
            }
        }
        if (maxResponseBytes == null || maxResponseBytes.toBytes() <= 0 || maxResponseBytes.toBytes() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("attest.platform-http.max-response-bytes must be between 1B and 1GB; was " + maxResponseBytes);
        }
    }

    /** The defaults, for code and tests that build a PlatformHttp without Spring. */
    public static PlatformHttpProperties defaults() {
        return new PlatformHttpProperties(false, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15),
                DataSize.ofMegabytes(1));
    }

    public PlatformHttpProperties withAllowPrivateNetworks(boolean allow) {
        return new PlatformHttpProperties(allow, connectTimeout, readTimeout, requestTimeout, maxResponseBytes);
    }

    public PlatformHttpProperties withRequestTimeout(Duration timeout) {
        return new PlatformHttpProperties(allowPrivateNetworks, connectTimeout, readTimeout, timeout, maxResponseBytes);
    }
}
