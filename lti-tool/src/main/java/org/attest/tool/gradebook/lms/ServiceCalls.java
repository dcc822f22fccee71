package org.attest.tool.gradebook.lms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to a platform's LTI services with a service token: a 401 drops the token and the call is
 * made once more with a new one (tokens can be revoked or expire early); any other answer than 2xx
 * becomes a {@link PlatformCallFailed}; {@code Link: rel="next"} pages are followed. Every URL, the
 * platform's paging links included, must be on an origin the platform registered ({@link PlatformHttp#forPlatform}).
 */
@Component
class ServiceCalls {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One page of a paged answer, with its links by relation. */
    record Page(JsonNode body, Map<String, String> links) {
    }

    @FunctionalInterface
    private interface Send {
        PlatformHttp.Response send(String token) throws PlatformHttp.Unreachable;
    }

    private final ServiceTokens tokens;
    private final PlatformHttp http;
    private final GradebookProperties properties;
    private final Clock clock;

    ServiceCalls(ServiceTokens tokens, PlatformHttp http, GradebookProperties properties, Clock clock) {
        this.tokens = tokens;
        this.http = http;
        this.properties = properties;
        this.clock = clock;
    }

    PlatformHttp.Response get(Platform platform, Set<String> scopes, String what, String url, String accept) throws PlatformCallFailed {
        return call(platform, scopes, what, url, token -> http.forPlatform(platform).get(url, accept, token));
    }

    PlatformHttp.Response post(Platform platform, Set<String> scopes, String what, String url, String contentType, String body,
            String accept) throws PlatformCallFailed {
        return call(platform, scopes, what, url, token -> http.forPlatform(platform).post(url, contentType, body, accept, token));
    }

    /** Every page from the first URL on, following {@code rel="next"}. */
    List<Page> pages(Platform platform, Set<String> scopes, String what, String firstUrl, String accept) throws PlatformCallFailed {
        List<Page> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = firstUrl;
        while (url != null) {
            if (!seen.add(url)) {
                throw PlatformCallFailed.unusable(platform, what, url, "links back to a page already read; the platform's "
                        + "paging is broken");
            }
            if (pages.size() == properties.maxPages()) {
                throw PlatformCallFailed.unusable(platform, what, url, "is page " + (pages.size() + 1) + ", more than "
                        + "attest.gradebook.max-pages (" + properties.maxPages() + ") allows; raise it if the course is that large");
            }
            PlatformHttp.Response response = get(platform, scopes, what, url, accept);
            Map<String, String> links = Links.parse(response.headers("Link"), url);
            pages.add(new Page(json(platform, what, url, response), links));
            url = links.get("next");
        }
        return pages;
    }

    JsonNode json(Platform platform, String what, String url, PlatformHttp.Response response) throws PlatformCallFailed {
        try {
            return JSON.readTree(response.body() == null ? "" : response.body());
        } catch (JacksonException e) {
            throw PlatformCallFailed.unusable(platform, what, url, "is not JSON: " + response.excerpt());
        }
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    private PlatformHttp.Response call(Platform platform, Set<String> scopes, String what, String url, Send send)
            throws PlatformCallFailed {
        String token = tokens.token(platform, scopes);
        PlatformHttp.Response response = send(platform, what, url, send, token);
        if (response.status() == 401) {
            tokens.invalidate(platform, scopes, token);
            response = send(platform, what, url, send, tokens.token(platform, scopes));
        }
        if (!response.ok()) {
            throw PlatformCallFailed.answered(platform, what, url, response, hint(response.status()), clock);
        }
        return response;
    }

    private static PlatformHttp.Response send(Platform platform, String what, String url, Send send, String token)
            throws PlatformCallFailed {
        try {
            return send.send(token);
        } catch (PlatformHttp.Unreachable e) {
            throw PlatformCallFailed.unreachable(platform, what, url, e);
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> "the platform refused a freshly issued token too";
            case 403 -> "the platform does not allow this service for this tool or course: check the tool's settings in the LMS";
            case 404 -> "the line item, course or service no longer exists in the LMS";
            default -> "";
        };
    }
}
