package org.attest.tool.lti;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.attest.tool.lti.internal.ServiceOrigins;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for every call Attest makes to a platform (registration, JWKS, token, AGS and
 * NRPS), and the egress policy they all pass: the host is resolved and refused when any of its
 * addresses is loopback, private, link-local, metadata and the like ({@link EgressAddresses}), and
 * the connection goes to an address so checked; no redirect is followed (a 3xx is an answer like any
 * other); connect, read and whole-call timeouts; answers larger than the cap are cut off while they
 * stream. URLs under attest.platform-http.trusted-origins ({@link TrustedOrigins}) are exempt.
 * {@link #forPlatform} adds the check that a service URL is on an origin the platform registered; the
 * connections themselves are {@link PlatformConnections}.
 */
@Component
public class PlatformHttp implements DisposableBean {

    public static final String USER_AGENT = "Attest-LTI/0.1 (+LTI 1.3 tool)";

    /** A platform's answer. */
    public record Response(int status, String body, Map<String, List<String>> headers, String reason) {

        public Response(int status, String body, Map<String, List<String>> headers) {
            this(status, body, headers, null);
        }

        public Response {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (headers != null) {
                headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            }
            headers = Collections.unmodifiableMap(copy);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first value of a header, by name in any case. */
        public Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }

        /** Every value of a header, in the order sent. */
        public List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        /**
         * The start of the body, for error messages; the status line's reason phrase when the body says nothing (Moodle
         * puts its words there: "409 Refusing score with an earlier timestamp for item 4 and user 7", body {@code []}).
         */
        public String excerpt() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ").strip();
            if ((b.isEmpty() || b.equals("[]") || b.equals("{}")) && reason != null && !reason.isBlank()) {
                b = reason.strip();
            }
            return b.length() > 300 ? b.substring(0, 300) + "..." : b;
        }
    }

    /** The platform could not be reached, did not answer in time, or answered too much. */
    public static class Unreachable extends Exception {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Attest's egress policy refused the call; nothing was sent. The message names the setting or the
     * admin page that allows it. Retrying does not help until an administrator acts.
     */
    public static class Refused extends Unreachable {
        public Refused(String message) {
            super(message, null);
        }
    }

    /** Calls on behalf of one platform: every URL must be on an origin the platform registered. */
    public final class ForPlatform {
        private final Platform platform;
        private Set<String> registered;

        private ForPlatform(Platform platform) {
            this.platform = platform;
        }

        /** Throws unless the URL is on an origin the platform registered or an admin added; a refusal shows on the admin page. */
        public void check(String url) throws Refused {
            if (registered == null) {
                registered = ServiceOrigins.registered(platform);
            }
            PlatformHttp.this.checkOrigin(platform, registered, url);
        }

        public Response get(String url, String accept, String bearerToken) throws Unreachable {
            check(url);
            return PlatformHttp.this.get(url, accept, bearerToken);
        }

        public Response getJson(String url, String bearerToken) throws Unreachable {
            return get(url, "application/json", bearerToken);
        }

        public Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
            check(url);
            return PlatformHttp.this.post(url, contentType, body, accept, bearerToken);
        }

        /** For Nimbus, which fetches the platform's keys: these calls, as a {@link ResourceRetriever}. */
        public ResourceRetriever keyRetriever() {
            return url -> {
                Response response;
                try {
                    response = get(url.toString(), JWKS_MEDIA_TYPES, null);
                } catch (Unreachable e) {
                    throw new IOException(e.getMessage(), e);
                }
                if (!response.ok()) {
                    throw new IOException(url + " answered HTTP " + response.status() + ": " + response.excerpt());
                }
                return new Resource(response.body(), response.header("Content-Type").orElse("application/json"));
            };
        }
    }

    private static final String JWKS_MEDIA_TYPES = "application/jwk-set+json, application/json";

    private final PlatformHttpProperties settings;
    private final ServiceOrigins origins;
    private final PlatformConnections connections;

    /** Outside Spring (tests): no trusted origins, and service URLs checked against the platform's registered origins only. */
    PlatformHttp(PlatformHttpProperties settings) {
        this(settings, TrustedOrigins.none(), null);
    }

    @Autowired
    PlatformHttp(PlatformHttpProperties settings, TrustedOrigins trustedOrigins, ServiceOrigins origins) {
        this.settings = settings;
        this.origins = origins;
        this.connections = new PlatformConnections(settings, trustedOrigins);
    }

    /** The calls of one platform, each refused unless its URL is on an origin the platform registered or an admin added. */
    public ForPlatform forPlatform(Platform platform) {
        return new ForPlatform(platform);
    }

    public Response getJson(String url, String bearerToken) throws Unreachable {
        return get(url, "application/json", bearerToken);
    }

    public Response postJson(String url, String json, String bearerToken) throws Unreachable {
        return post(url, "application/json", json, "application/json", bearerToken);
    }

    /** A GET asking for the media type the service answers in (AGS and NRPS each have their own). */
    public Response get(String url, String accept, String bearerToken) throws Unreachable {
        return connections.get(url, accept, bearerToken);
    }

    /** A POST of a body in the given media type: JSON, an AGS score or line item, or a token request form. */
    public Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
        return connections.post(url, contentType, body, accept, bearerToken);
    }

    /** The settings in force, for messages. */
    PlatformHttpProperties settings() {
        return settings;
    }

    private void checkOrigin(Platform platform, Set<String> registered, String url) throws Refused {
        String origin = ServiceOrigins.origin(url).orElse(null);
        if (origin == null) {
            throw new Refused("'" + url + "' is not an absolute http(s) URL without user info, so Attest does not call it for "
                    + platform.describe());
        }
        if (registered.contains(origin) || (origins != null && platform.id() != null && origins.isAdded(platform.id(), origin))) {
            return;
        }
        if (origins != null && platform.id() != null) {
            origins.recordRefusal(platform.id(), origin, url);
        }
        throw new Refused(url + " is on " + origin + ", which is not an origin " + platform.describe() + " registered ("
                + String.join(", ", registered) + "); if the LMS really serves its services there, add " + origin
                + " under 'Service origins' on the platform's admin page");
    }

    @Override
    public void destroy() {
        connections.close();
    }
}
