package org.attest.tool.portfolio;

import org.attest.tool.portfolio.internal.Assessors;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The token API's assessor flag (POST /admin/api/assessors), as the sandbox uses it with the loopback API token:
 * an unknown assessor gets the flag; with if_unknown an existing status stands; bad input and a platform the token
 * does not manage change nothing.
 */
@TestPropertySource(properties = {"server.address=127.0.0.1", "attest.admin.loopback-api-token=" + AssessorApiTest.TOKEN})
class AssessorApiTest extends IntegrationTest {

    // The same loopback token (and so the same application context) as lti.RegistrationUrlApiTest: one context start fewer.
    static final String TOKEN = "attest_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired PlatformRegistry registry;
    @Autowired Assessors assessors;
    Platform platform;

    @BeforeEach
    void platform() {
        String issuer = "https://moodle-" + System.nanoTime() + ".example";
        platform = registry.register(new PlatformRegistry.Registration(issuer, "client-a", "Centre Moodle", issuer + "/auth",
                issuer + "/token", issuer + "/certs", "moodle", Platform.RegisteredBy.MANUAL, List.of("1")));
    }

    private HttpResponse<String> post(String token, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/api/assessors")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> tom(boolean ifUnknown) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("issuer", platform.issuer());
        form.put("client_id", "client-a");
        form.put("subject", "tom");
        form.put("name", "Tom Trainee");
        form.put("qualified", "false");
        form.put("if_unknown", String.valueOf(ifUnknown));
        return form;
    }

    private List<Assessors.AssessorStatus> statuses() {
        return assessors.onPlatform(platform.id());
    }

    @Test
    void anUnknownAssessorIsFlaggedAndAnExistingStatusStandsWithIfUnknown() throws Exception {
        HttpResponse<String> first = post(TOKEN, tom(true));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("tom");
            assertThat(s.qualified()).isFalse();
        });

        assessors.flag(platform.id(), "tom", null, true, "centre admin");
        HttpResponse<String> again = post(TOKEN, tom(true));

        assertThat(again.body()).contains("\"changed\":false", "\"qualified\":true");
        assertThat(statuses()).singleElement().satisfies(s -> assertThat(s.qualified()).isTrue());
    }

    @Test
    void badInputOrAPlatformTheTokenDoesNotManageChangesNothing() throws Exception {
        Map<String, String> noSubject = tom(false);
        noSubject.remove("subject");
        Map<String, String> maybe = tom(false);
        maybe.put("qualified", "maybe");
        Map<String, String> otherPlatform = tom(false);
        otherPlatform.put("client_id", "client-b");

        assertThat(post(TOKEN, noSubject).statusCode()).isEqualTo(400);
        assertThat(post(TOKEN, maybe).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = post(TOKEN, otherPlatform);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("manages no platform", "Nothing was changed");
        assertThat(post("attest_" + "b".repeat(43), tom(false)).statusCode()).isEqualTo(401);
        assertThat(statuses()).isEmpty();
    }
}
