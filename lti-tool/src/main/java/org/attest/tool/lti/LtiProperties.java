package org.attest.tool.lti;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LTI settings under {@code attest.}; every one has a default that works out of the box
 * (documented in docs/configuration.md).
 *
 * @param baseUrl the tool's public URL; launches whose {@code target_link_uri} is elsewhere are refused
 * @param lti launch validation limits
 * @param registration Dynamic Registration policy
 */
@ConfigurationProperties("attest")
public record LtiProperties(
        @DefaultValue("http://127.0.0.1:8080") URI baseUrl,
        @DefaultValue Launch lti,
        @DefaultValue Registration registration) {

    /**
     * @param clockSkew allowance for platform clocks on {@code exp} and {@code iat} (at most 60 s)
     * @param loginStateTtl how long a login's state and nonce stay valid
     * @param maxLoginStatesPerPlatform logins in progress one platform may have at once; more are refused (503)
     * @param sessionTtl the longest the pages of one launch stay signed in, however busy
     * @param sessionIdleTimeout how long the pages of one launch stay signed in without a request
     * @param maxIdTokenBytes larger id_tokens are refused before parsing
     * @param jwksCacheTtl how long a platform's keys are cached
     * @param jwksRefreshInterval fewest seconds between two fetches of one platform's keys
     * @param keyRotationGrace how long a replaced tool key stays published
     */
    public record Launch(
            @DefaultValue("60s") Duration clockSkew,
            @DefaultValue("5m") Duration loginStateTtl,
            @DefaultValue("10000") int maxLoginStatesPerPlatform,
            @DefaultValue("8h") Duration sessionTtl,
            @DefaultValue("2h") Duration sessionIdleTimeout,
            @DefaultValue("65536") int maxIdTokenBytes,
            @DefaultValue("10m") Duration jwksCacheTtl,
            @DefaultValue("30s") Duration jwksRefreshInterval,
            @DefaultValue("24h") Duration keyRotationGrace) {

        public Launch {
            if (clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("attest.lti.clock-skew may be at most 60s, was " + clockSkew);
            }
        }
    }

    public LtiProperties {
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("attest.base-url must be the tool's absolute http(s) URL, such as "
                    + "https://attest.college.ac.uk; was '" + baseUrl + "'");
        }
    }

    /**
     * @param open whether anyone may start Dynamic Registration without a one-time URL (default
     *     false: registration works through one-time URLs the operator makes on the admin page)
     */
    public record Registration(@DefaultValue("false") boolean open) {
    }

    /** Whether a URL has this tool's scheme, host and port. */
    public boolean isOnThisTool(String url) {
        try {
            URI uri = URI.create(url);
            return baseUrl.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                    && baseUrl.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                    && PlatformUrls.port(baseUrl) == PlatformUrls.port(uri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String baseUrlString() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
