package org.attest.tool.lti;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code attest.platform-http.trusted-origins}: URL prefixes exempt from the egress policy's refusal of loopback and
 * private addresses, for an LMS the operator runs on this machine (the sandbox of {@code attest-sandbox.jar} sets
 * its own base URL). Each is an absolute http(s) URL; a URL is exempt only on the same scheme, host and port, with
 * no user info, and at or under the prefix's path, so nothing else on that host and port is. Empty by default.
 * {@link PlatformConnections} calls a URL they trust without the egress policy's address check.
 */
@Component
class TrustedOrigins {

    static final String PROPERTY = "attest.platform-http.trusted-origins";

    private record Prefix(String scheme, String host, int port, String path) {
    }

    private final List<Prefix> prefixes;

    @Autowired
    TrustedOrigins(Environment environment) {
        this(Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of()));
    }

    TrustedOrigins(List<String> urls) {
        this.prefixes = urls.stream().map(String::strip).filter(s -> !s.isEmpty()).map(TrustedOrigins::prefix).toList();
    }

    /** None: every URL passes the egress policy (a {@link PlatformHttp} made outside Spring). */
    static TrustedOrigins none() {
        return new TrustedOrigins(List.of());
    }

    private static Prefix prefix(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(PROPERTY + " takes absolute http(s) URLs without user info or query, such as "
                    + "http://localhost:8080/sandbox; '" + url + "' is not one");
        }
        String path = uri.normalize().getPath() == null ? "" : uri.normalize().getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Prefix(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT), PlatformUrls.port(uri), path);
    }

    /** Whether this normalised absolute URL may be called on a loopback or private address. */
    boolean trusts(URI url) {
        if (url.getScheme() == null || url.getHost() == null || url.getRawUserInfo() != null) {
            return false;
        }
        return prefixes.stream().anyMatch(p -> p.scheme().equalsIgnoreCase(url.getScheme())
                && p.host().equals(url.getHost().toLowerCase(Locale.ROOT))
                && p.port() == PlatformUrls.port(url)
                && PlatformUrls.underPath(url.getPath(), p.path()));
    }
}
