package org.attest.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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

    /** The one-time sign-in link and access code Attest gave an external verifier, with whom and until when. */
    record EqaAccess(String name, String awardingBody, String link, String code, String startsOn, String endsOn,
            boolean reissued) {
    }

    /**
     * Grants an external verifier access to the units of the framework on the platform Attest keeps for
     * ({@code issuer}, {@code clientId}); when the centre already has a live grant for that email address, Attest
     * gives it a new one-time link and code instead of a second grant.
     */
    EqaAccess grantEqa(String issuer, String clientId, String name, String email, String awardingBody, UUID frameworkId,
            String unitCodes, LocalDate startsOn, LocalDate endsOn) throws Failed {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("issuer", issuer);
        fields.put("client_id", clientId);
        fields.put("name", name);
        fields.put("email", email);
        fields.put("awarding_body", awardingBody);
        fields.put("framework", frameworkId.toString());
        fields.put("unit_codes", unitCodes);
        fields.put("starts_on", startsOn.toString());
        fields.put("ends_on", endsOn.toString());
        fields.put("reissue_existing", "true");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.tool() + "/admin/api/eqa-grants"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        // 201 for a new grant, 200 for a new link and code of the live one
        JsonNode answer = call(request, "POST /admin/api/eqa-grants", 201, 200);
        String link = answer.path("link").asString(null);
        String code = answer.path("code").asString(null);
        if (link == null || code == null || !link.startsWith(properties.tool() + "/eqa/")) {
            throw new Failed("POST " + properties.tool() + "/admin/api/eqa-grants answered without a sign-in link of Attest's "
                    + "and an access code");
        }
        return new EqaAccess(answer.path("name").asString(name), answer.path("awardingBody").asString(awardingBody), link,
                code, answer.path("startsOn").asString(""), answer.path("endsOn").asString(""),
                answer.path("reissued").asBoolean(false));
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

    private JsonNode call(HttpRequest.Builder request, String what, int... expected) throws Failed {
        if (token == null) {
            throw new Failed("the sandbox has no API token for Attest (" + SandboxEnvironment.TOKEN + " is unset); start it with "
                    + "attest-sandbox.jar, which makes one");
        }
        HttpResponse<String> response = send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json"), what);
        if (java.util.Arrays.stream(expected).noneMatch(status -> status == response.statusCode())) {
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
