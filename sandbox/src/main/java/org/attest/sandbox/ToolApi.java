package org.attest.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attest's token API, as any script would call it: with the API token {@link SandboxEnvironment} made at start,
 * over HTTP to {@code attest.sandbox.tool-url}. The sandbox's only way to ask Attest for anything besides LTI, and its
 * one HTTP client for Attest (5 s to connect, 30 s per call, no redirects followed): {@link SelfRegistration} opens
 * the registration URL through {@link #open}.
 */
@Component
@ConditionalOnSandbox
class ToolApi {

    /** Attest did not answer as expected; the message says what was asked and what came back. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxProperties properties;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ToolApi(SandboxProperties properties, Environment environment) {
        this.properties = properties;
        this.token = environment.getProperty(SandboxEnvironment.TOKEN);
    }

    /** A one-time Dynamic Registration URL of Attest's that registers only the platform at {@code openidConfiguration}. */
    String registrationUrl(String openidConfiguration) throws Failed {
        String body = form(Map.of("openid_configuration", openidConfiguration));
        JsonNode answer = call(HttpRequest.newBuilder(URI.create(properties.tool() + "/admin/api/registration-urls"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST /admin/api/registration-urls", 201);
        String url = answer.path("url").asString(null);
        if (url == null || !url.startsWith(properties.tool() + "/")) {
            throw new Failed("POST " + properties.tool() + "/admin/api/registration-urls answered without a registration URL of Attest's");
        }
        return url;
    }

    /**
     * Marks an assessor of the platform Attest keeps for ({@code issuer}, {@code clientId}) qualified or not, unless
     * Attest already has a status for them (a centre administrator's decision stands).
     */
    void flagAssessorIfUnknown(String issuer, String clientId, String subject, String name, boolean qualified) throws Failed {
        String body = form(Map.of("issuer", issuer, "client_id", clientId, "subject", subject, "name", name,
                "qualified", String.valueOf(qualified), "if_unknown", "true"));
        call(HttpRequest.newBuilder(URI.create(properties.tool() + "/admin/api/assessors"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST /admin/api/assessors", 200);
    }

    /**
     * Names a person of the platform Attest keeps for ({@code issuer}, {@code clientId}) lead internal quality assurer,
     * unless Attest already has an IQA record for them (a centre administrator's decision stands).
     */
    void nameIqaIfUnknown(String issuer, String clientId, String subject, String name, String qualification) throws Failed {
        String body = form(Map.of("issuer", issuer, "client_id", clientId, "subject", subject, "name", name,
                "qualification", qualification, "lead", "true", "if_unknown", "true"));
        call(HttpRequest.newBuilder(URI.create(properties.tool() + "/admin/api/iqa"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "POST /admin/api/iqa", 200);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** Whether Attest's framework API lists the framework with this id (the CASE CFDocument identifier) as tool-wide. */
    boolean listsToolWideFramework(UUID frameworkId) throws Failed {
        JsonNode frameworks = call(HttpRequest.newBuilder(URI.create(properties.tool() + "/admin/api/frameworks")).GET(),
                "GET /admin/api/frameworks", 200);
        for (JsonNode framework : frameworks) {
            if (frameworkId.toString().equals(framework.path("frameworkId").asString(null))
                    && (framework.path("platformId").isNull() || framework.path("platformId").isMissingNode())) {
                return true;
            }
        }
        return false;
    }

    /** Opens a page of Attest's as a browser would, without the API token: {@code what} names it in a failure. */
    HttpResponse<String> open(String url, String what) throws Failed {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), what);
    }

    private JsonNode call(HttpRequest.Builder request, String what, int expected) throws Failed {
        if (token == null) {
            throw new Failed("the sandbox has no API token for Attest (" + SandboxEnvironment.TOKEN + " is unset); start it with "
                    + "attest-sandbox.jar, which makes one");
        }
        HttpResponse<String> response = send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json"), what);
        if (response.statusCode() != expected) {
            String body = response.body() == null ? "" : response.body();
            throw new Failed(what + " at " + properties.tool() + " answered HTTP " + response.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        try {
            return JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new Failed(what + " at " + properties.tool() + " answered something other than JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws Failed {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failed(what + " at " + properties.tool() + " could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted during " + what);
        }
    }
}
