package org.attest.tool.lti;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client setup for every call Attest makes to a platform (registration, AGS and
 * NRPS): timeouts, an explicit User-Agent, the media type each service asks for, no redirects followed
 * silently, response bodies capped.
 */
@Component
public class PlatformHttp {

    public static final String USER_AGENT = "Attest-LTI/0.1 (+LTI 1.3 tool)";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    static final int MAX_BODY_CHARS = 1_000_000;

    /** A platform's answer. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The start of the body, for error messages. */
        public String excerpt() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return b.length() > 300 ? b.substring(0, 300) + "..." : b;
        }
    }

    /** The platform could not be reached or did not answer in time. */
    public static class Unreachable extends Exception {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Duration requestTimeout;

    public PlatformHttp() {
        this(REQUEST_TIMEOUT);
    }

    /**
     * With another limit on how long a platform may take to answer: {@code attest.platform-http.request-timeout}
     * (default 15s; tests of slow platforms use a short one).
     */
    @org.springframework.beans.factory.annotation.Autowired
    public PlatformHttp(@org.springframework.beans.factory.annotation.Value("${attest.platform-http.request-timeout:15s}")
            Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Response getJson(String url, String bearerToken) throws Unreachable {
        return get(url, "application/json", bearerToken);
    }

    public Response postJson(String url, String json, String bearerToken) throws Unreachable {
        return post(url, "application/json", json, "application/json", bearerToken);
    }

    /** A GET asking for the media type the service answers in (AGS and NRPS each have their own). */
    public Response get(String url, String accept, String bearerToken) throws Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).GET().header("Accept", accept);
        return send(request, bearerToken, url);
    }

    /** A POST of a body in the given media type: JSON, an AGS score or line item, or a token request form. */
    public Response post(String url, String contentType, String body, String accept, String bearerToken) throws Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url))
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(request, bearerToken, url);
    }

    private Response send(HttpRequest.Builder request, String bearerToken, String url) throws Unreachable {
        request.timeout(requestTimeout).header("User-Agent", USER_AGENT);
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body();
            if (body != null && body.length() > MAX_BODY_CHARS) {
                body = body.substring(0, MAX_BODY_CHARS);
            }
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new Unreachable(url + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + url, e);
        }
    }

    private static URI uri(String url) throws Unreachable {
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new Unreachable("'" + url + "' is not an http(s) URL", null);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new Unreachable("'" + url + "' is not a URL", e);
        }
    }
}
