package org.attest.standards.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --push URL}: sends the CASE package to Attest's framework API and says what Attest did.
 * The API token, when given, goes in {@code Authorization: Bearer}; without one the URL must carry
 * an admin session ({@code /s/{token}/admin/api/frameworks}).
 */
final class CasePush {

    /** Exit code when the framework was read but Attest did not take it. */
    static final int NOT_PUSHED = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private CasePush() {
    }

    /** Checks the URL before anything is read, so a typo does not cost an import. */
    static String problemWith(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
            return "--push needs an http(s) URL such as https://attest.example.ac.uk/admin/api/frameworks, not '" + url + "'";
        }
        return null;
    }

    /** Posts the package; returns 0 when Attest imported it or already had it, {@link #NOT_PUSHED} otherwise. */
    static int push(URI url, String token, String caseJson, PrintWriter err) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(caseJson, StandardCharsets.UTF_8));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("error: cannot connect to " + url + "; is Attest running there? Nothing was pushed");
            return NOT_PUSHED;
        } catch (HttpTimeoutException e) {
            err.println("error: " + url + " did not answer in time; check in Attest's Frameworks page whether the import happened");
            return NOT_PUSHED;
        } catch (IOException e) {
            err.println("error: pushing to " + url + " failed: " + e.getMessage());
            return NOT_PUSHED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted while pushing to " + url);
            return NOT_PUSHED;
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            err.println("pushed to " + url + ": " + field(response.body(), "summary", "Attest accepted the package"));
            return 0;
        }
        String why = field(response.body(), "error", "HTTP " + status);
        String hint = switch (status) {
            case 401 -> " (check --token: make an API token on Attest's Frameworks admin page)";
            case 403 -> " (the token or session may not import this package: a centre's token imports that centre's "
                    + "frameworks only)";
            case 404 -> " (is the URL Attest's framework API, ending /admin/api/frameworks?)";
            default -> "";
        };
        err.println("error: Attest refused the package (HTTP " + status + "): " + why + hint);
        return NOT_PUSHED;
    }

    private static String field(String body, String name, String otherwise) {
        try {
            JsonNode node = JSON.readTree(body).path(name);
            return node.isString() ? node.asString() : otherwise;
        } catch (JacksonException notJson) {
            return otherwise;
        }
    }
}
