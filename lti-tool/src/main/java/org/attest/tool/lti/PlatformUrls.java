package org.attest.tool.lti;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What a platform URL may be, wherever one comes from (Dynamic Registration or the admin's form):
 * an absolute https URL without userinfo; plain http only for a loopback host (localhost,
 * 127.0.0.0/8, ::1), and never in the {@code prod} profile. So {@code javascript:}, {@code file:}
 * or {@code https://canvas.instructure.com@evil.example/} can never be stored.
 */
@Component
class PlatformUrls {

    static final Set<String> CANVAS_CLOUD_ISSUERS = Set.of("https://canvas.instructure.com", "https://canvas.beta.instructure.com",
            "https://canvas.test.instructure.com");

    private final boolean loopbackHttpAllowed;

    @Autowired
    PlatformUrls(Environment environment) {
        this(!environment.matchesProfiles("prod"));
    }

    PlatformUrls(boolean loopbackHttpAllowed) {
        this.loopbackHttpAllowed = loopbackHttpAllowed;
    }

    /** Why this URL may not be a platform endpoint, or empty when it may. */
    Optional<String> problem(String url) {
        URI uri = parse(url).orElse(null);
        if (uri == null || !uri.isAbsolute() || uri.getRawAuthority() == null || uri.getHost() == null) {
            return Optional.of("is not an absolute web address");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("is not a web address: only https:// is allowed");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("has a user name before '@', which would let it pose as another site; enter the address without it");
        }
        if (scheme.equals("http") && !(loopbackHttpAllowed && isLoopback(uri.getHost()))) {
            return Optional.of(loopbackHttpAllowed
                    ? "uses http://, which is allowed only for a test server on this machine (localhost); use https://"
                    : "uses http://; in production every platform address must use https://");
        }
        return Optional.empty();
    }

    /**
     * Why the issuer a platform's OpenID configuration names does not belong at the URL the
     * configuration was read from, or empty when it does. LTI Dynamic Registration 1.0 (section
     * 3.5.1, "Issuer and OpenID Configuration URL Match") requires the tool to check that the
     * configuration URL lies under the issuer; compared here on the parsed URLs: same scheme,
     * host (any case) and port (default ports filled in), the configuration's path starting with
     * the issuer's path at a segment boundary, no userinfo in either, no query or fragment in the issuer.
     */
    static Optional<String> issuerProblem(String issuer, String configurationUrl) {
        URI i = parse(issuer).filter(u -> u.isAbsolute() && u.getHost() != null).orElse(null);
        URI c = parse(configurationUrl).filter(u -> u.isAbsolute() && u.getHost() != null).orElse(null);
        if (i == null) {
            return Optional.of("the issuer '" + issuer + "' is not an absolute URL");
        }
        if (c == null) {
            return Optional.of("the openid_configuration URL is not an absolute URL");
        }
        if (i.getRawUserInfo() != null || c.getRawUserInfo() != null) {
            return Optional.of("a URL with a user name before '@' poses as another site");
        }
        if (i.getRawQuery() != null || i.getRawFragment() != null) {
            return Optional.of("the issuer '" + issuer + "' has a query or fragment, which an issuer may not have");
        }
        boolean sameOrigin = i.getScheme().equalsIgnoreCase(c.getScheme()) && i.getHost().equalsIgnoreCase(c.getHost())
                && port(i) == port(c);
        if (!(sameOrigin && underPath(c.getRawPath(), i.getRawPath())) && !isCanvasCloud(issuer, c)) {
            return Optional.of("the configuration at " + configurationUrl + " names issuer " + issuer
                    + ", which is not the site it came from; refusing to register a platform that claims another's identity");
        }
        return Optional.empty();
    }

    /**
     * Instructure's hosted Canvas is the one known exception: every institution shares the issuer
     * https://canvas.instructure.com (or its beta and test twins) and serves the configuration from
     * its own https *.instructure.com host. The client id tells them apart, and a registration
     * that names an (issuer, client id) Attest has is refused, so one institution cannot take over another's.
     */
    static boolean isCanvasCloud(String issuer, URI configuration) {
        String host = configuration.getHost().toLowerCase(Locale.ROOT);
        return CANVAS_CLOUD_ISSUERS.contains(issuer) && "https".equalsIgnoreCase(configuration.getScheme())
                && port(configuration) == 443 && host.endsWith(".instructure.com");
    }

    /** Whether {@code path} is {@code prefix} or lies below it: "/moodle/x" is under "/moodle", "/moodle2" is not. */
    static boolean underPath(String path, String prefix) {
        String p = path == null ? "" : path;
        String base = prefix == null ? "" : prefix;
        if (base.isEmpty() || base.equals("/")) {
            return true;
        }
        if (base.endsWith("/")) {
            return p.startsWith(base);
        }
        return p.equals(base) || p.startsWith(base + "/");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(url.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
