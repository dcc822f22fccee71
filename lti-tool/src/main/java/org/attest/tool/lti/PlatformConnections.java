package org.attest.tool.lti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.attest.tool.lti.PlatformHttp.Refused;
import org.attest.tool.lti.PlatformHttp.Response;
import org.attest.tool.lti.PlatformHttp.Unreachable;

/**
 * The connections behind {@link PlatformHttp}: a URL's shape is checked, then it goes out through the client that
 * resolves hosts by the egress policy ({@link VettedAddressResolver}), or, for a URL under a trusted origin
 * ({@link TrustedOrigins}), through one that resolves them plainly; with connect, read and whole-call timeouts, no
 * redirects, and answers cut off at the size cap while they stream.
 */
final class PlatformConnections {

    private final PlatformHttpProperties settings;
    private final TrustedOrigins trustedOrigins;
    private final CloseableHttpClient vetted;
    private final CloseableHttpClient unvetted;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "platform-http-deadline");
        t.setDaemon(true);
        return t;
    });

    PlatformConnections(PlatformHttpProperties settings, TrustedOrigins trustedOrigins) {
        this.settings = settings;
        this.trustedOrigins = trustedOrigins;
        this.vetted = client(new VettedAddressResolver(settings.allowPrivateNetworks()));
        this.unvetted = client(SystemDefaultDnsResolver.INSTANCE);
    }

    Response get(String url, String accept, String bearerToken) throws Unreachable {
        URI uri = uri(url);
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", accept);
        return send(request, uri, bearerToken, url);
    }

    Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
        URI uri = uri(url);
        HttpPost request = new HttpPost(uri);
        request.setHeader("Accept", accept);
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType)));
        return send(request, uri, bearerToken, url);
    }

    void close() {
        deadlines.shutdownNow();
        vetted.close(CloseMode.GRACEFUL);
        unvetted.close(CloseMode.GRACEFUL);
    }

    private Response send(HttpUriRequestBase request, URI uri, String bearerToken, String url) throws Unreachable {
        request.setHeader("User-Agent", PlatformHttp.USER_AGENT);
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.setHeader("Authorization", "Bearer " + bearerToken);
        }
        CloseableHttpClient client = isTrusted(uri) ? unvetted : vetted;
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

    private boolean isTrusted(URI uri) {
        URI normal = uri.normalize();
        String raw = String.valueOf(uri.getRawPath()).toLowerCase(java.util.Locale.ROOT);
        if (raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c")) {
            return false; // encoded dots or slashes could step out of the trusted path once the server decodes them
        }
        return trustedOrigins.trusts(normal);
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
}
