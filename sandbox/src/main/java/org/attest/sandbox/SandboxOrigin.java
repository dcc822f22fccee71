package org.attest.sandbox;

import java.net.URI;
import java.util.Locale;
import org.attest.tool.lti.TrustedPlatformOrigins;
import org.springframework.stereotype.Component;

/**
 * The sandbox LMS runs in this application, usually on localhost: Attest's calls to it (its
 * configuration, keys, token, grade and roster services, all under {@code attest.sandbox.base-url})
 * are exempt from the egress policy that refuses loopback and private addresses. Nothing else on
 * the same host and port is.
 */
@Component
@ConditionalOnSandbox
class SandboxOrigin implements TrustedPlatformOrigins {

    private final URI base;
    private final String basePath;

    SandboxOrigin(SandboxProperties properties) {
        this.base = properties.baseUrl();
        String path = URI.create(properties.issuer()).getPath();
        this.basePath = path == null ? "" : path;
    }

    @Override
    public boolean trusts(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return base.getScheme().equalsIgnoreCase(String.valueOf(url.getScheme()))
                && base.getHost().toLowerCase(Locale.ROOT).equals(String.valueOf(url.getHost()).toLowerCase(Locale.ROOT))
                && port(base) == port(url)
                && url.getRawUserInfo() == null
                && (basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
