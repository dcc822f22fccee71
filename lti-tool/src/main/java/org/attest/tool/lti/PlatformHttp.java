package org.attest.tool.lti;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for every call Attest makes to a platform (registration, JWKS, token, AGS and
 * NRPS), and the egress policy they all pass: the host is resolved and refused when any of its
 * addresses is loopback, private, link-local, metadata and the like ({@link EgressAddresses}), and
 * the connection goes to an address so checked; no redirect is followed (a 3xx is an answer like any
 * other); connect, read and whole-call timeouts; answers larger than the cap are cut off while they
 * stream. URLs under attest.platform-http.trusted-origins ({@link TrustedPlatformOrigins}) are exempt.
 * {@link #forPlatform} adds the check that a service URL is on an origin the platform registered.
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
            checkOrigin(url);
        }

        private void checkOrigin(String url) throws Refused {
            if (registered == null) {
                registered = ServiceOrigins.registered(platform);
            }
            PlatformHttp.this.checkOrigin(platform, registered, url);
        }

        public Response get(String url, String accept, String bearerToken) throws Unreachable {
            checkOrigin(url);
            return PlatformHttp.this.get(url, accept, bearerToken);
        }

        public Response getJson(String url, String bearerToken) throws Unreachable {
            return get(url, "application/json", bearerToken);
        }

        public Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
            checkOrigin(url);
            return PlatformHttp.this.post(url, contentType, body, accept, bearerToken);
        }

        /** For Nimbus, which fetches the platform's keys: these calls, as a {@link ResourceRetriever}. */
        public ResourceRetriever keyRetriever() {
            return retriever(url -> get(url, JWKS_MEDIA_TYPES, null));
        }
    }

    @FunctionalInterface
    private interface Fetch {
        Response get(String url) throws Unreachable;
    }

    private static final String JWKS_MEDIA_TYPES = "application/jwk-set+json, application/json";

    private final PlatformHttpProperties settings;
    private final ObjectProvider<TrustedPlatformOrigins> trusted;
    private final ServiceOrigins origins;
    private final CloseableHttpClient vetted;
    private final CloseableHttpClient inProcess;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "platform-http-deadline");
        t.setDaemon(true);
        return t;
    });

    /** Outside Spring (tests): no trusted origins, and service URLs checked against the platform's registered origins only. */
    public PlatformHttp(PlatformHttpProperties settings) {
        this(settings, null, null);
    }

    @Autowired
    PlatformHttp(PlatformHttpProperties settings, ObjectProvider<TrustedPlatformOrigins> trusted, ServiceOrigins origins) {
        this.settings = settings;
        this.trusted = trusted;
        this.origins = origins;
        this.vetted = client(new VettedAddressResolver(settings.allowPrivateNetworks()));
        this.inProcess = client(SystemDefaultDnsResolver.INSTANCE);
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
        URI uri = uri(url);
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", accept);
        return send(request, uri, bearerToken, url);
    }

    /** A POST of a body in the given media type: JSON, an AGS score or line item, or a token request form. */
    public Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
        URI uri = uri(url);
        HttpPost request = new HttpPost(uri);
        request.setHeader("Accept", accept);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType)));
        return send(request, uri, bearerToken, url);
    }

    private static ResourceRetriever retriever(Fetch fetch) {
        return url -> {
            Response response;
            try {
                response = fetch.get(url.toString());
            } catch (Unreachable e) {
                throw new IOException(e.getMessage(), e);
            }
            if (!response.ok()) {
                throw new IOException(url + " answered HTTP " + response.status() + ": " + response.excerpt());
            }
            return new Resource(response.body(), response.header("Content-Type").orElse("application/json"));
        };
    }

    /** The settings in force, for messages. */
    public PlatformHttpProperties settings() {
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

    private Response send(HttpUriRequestBase request, URI uri, String bearerToken, String url) throws Unreachable {
        request.setHeader("User-Agent", USER_AGENT);
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.setHeader("Authorization", "Bearer " + bearerToken);
        }
        CloseableHttpClient client = isInProcess(uri) ? inProcess : vetted;
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            request.cancel();
        }, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            String body = read(response.getEntity(), request, url);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header h : response.getHeaders()) {
                headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
            }
            return new Response(response.getCode(), body, headers, response.getReasonPhrase());
        } catch (VettedAddressResolver.RefusedAddress e) {
            throw new Refused(url + " was not called: " + e.getMessage());
        } catch (IOException e) {
            if (late.get()) {
                throw new Unreachable(url + " did not answer within " + settings.requestTimeout().toSeconds()
                        + " s (attest.platform-http.request-timeout)", e);
            }
            if (e instanceof SocketTimeoutException) {
                throw new Unreachable(url + " stayed silent for longer than " + settings.readTimeout().toSeconds()
                        + " s (attest.platform-http.read-timeout)", e);
            }
            throw new Unreachable(url + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The body as text, read until the cap and no further: a longer answer aborts the connection. */
    private String read(HttpEntity entity, HttpUriRequestBase request, String url) throws IOException, Unreachable {
        if (entity == null) {
            return "";
        }
        long max = settings.maxResponseBytes().toBytes();
        if (entity.getContentLength() > max) {
            request.cancel();
            throw tooLarge(url, entity.getContentLength() + " bytes", max);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(entity.getContentLength(), 1024), max));
        try (InputStream in = entity.getContent()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (bytes.size() + n > max) {
                    request.cancel(); // closes the connection: the rest is never read
                    throw tooLarge(url, "more than " + max + " bytes", max);
                }
                bytes.write(buffer, 0, n);
            }
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            ContentType type = ContentType.parseLenient(entity.getContentType());
            if (type != null && type.getCharset() != null) {
                charset = type.getCharset();
            }
        } catch (RuntimeException unknownCharset) {
            // UTF-8, as JSON is
        }
        return bytes.toString(charset);
    }

    private static Unreachable tooLarge(String url, String size, long max) {
        return new Unreachable("the answer from " + url + " is " + size + ", larger than the " + max
                + " bytes Attest reads (attest.platform-http.max-response-bytes); it was cut off", null);
    }

    private boolean isInProcess(URI uri) {
        if (trusted == null) {
            return false;
        }
        URI normal = uri.normalize();
        String raw = String.valueOf(uri.getRawPath()).toLowerCase(java.util.Locale.ROOT);
        if (raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c")) {
            return false; // encoded dots or slashes could step out of the trusted path once the server decodes them
        }
        return trusted.orderedStream().anyMatch(t -> t.trusts(normal));
    }

    private static URI uri(String url) throws Unreachable {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Unreachable("'" + url + "' is not a URL", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Refused("'" + url + "' is not an http(s) URL; Attest calls platforms over http(s) only");
        }
        if (uri.getHost() == null) {
            throw new Refused("'" + url + "' has no host name Attest can check (such as 127.1), so it is not called");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("'" + url + "' carries a user name before its host; Attest does not call such URLs");
        }
        return uri;
    }

    private CloseableHttpClient client(DnsResolver resolver) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                .setSocketTimeout(Timeout.of(settings.readTimeout()))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setDefaultConnectionConfig(connection)
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(128)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(settings.requestTimeout()))
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableDefaultUserAgent()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        vetted.close(CloseMode.GRACEFUL);
        inProcess.close(CloseMode.GRACEFUL);
    }
}
