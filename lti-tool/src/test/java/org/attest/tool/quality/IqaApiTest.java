package org.attest.tool.quality;

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
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The token API's IQA appointment (POST /admin/api/iqa), as the sandbox uses it with the loopback API token to name
 * its demo internal verifier: an unknown person is named; with if_unknown a centre's record stands; bad input, a
 * platform the token does not manage and a wrong token change nothing.
 */
@TestPropertySource(properties = {"server.address=127.0.0.1", "attest.admin.loopback-api-token=" + IqaApiTest.TOKEN})
class IqaApiTest extends IntegrationTest {

    // The same loopback token (and so the same application context) as AssessorApiTest: one context start fewer.
    static final String TOKEN = "attest_kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired PlatformRegistry registry;
    @Autowired IqaPeople iqas;
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
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/api/iqa")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> ivy() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("issuer", platform.issuer());
        form.put("client_id", "client-a");
        form.put("subject", "ivy");
        form.put("name", "Ivy Verifier");
        form.put("qualification", "TAQA Level 4");
        form.put("lead", "true");
        form.put("if_unknown", "true");
        return form;
    }

    @Test
    void anUnknownPersonIsNamedAndACentresRecordStandsWithIfUnknown() throws Exception {
        HttpResponse<String> first = post(TOKEN, ivy());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(iqas.active(platform.id(), "ivy")).hasValueSatisfying(i -> {
            assertThat(i.lead()).isTrue();
            assertThat(i.qualification()).isEqualTo("TAQA Level 4");
        });

        iqas.appoint(platform.id(), "ivy", "Ivy Verifier", new IqaPeople.Appointment("", false, false, false), "centre admin");
        HttpResponse<String> again = post(TOKEN, ivy());

        assertThat(again.body()).contains("\"changed\":false", "\"active\":false");
        assertThat(iqas.active(platform.id(), "ivy")).isEmpty();
    }

    @Test
    void badInputOrAPlatformTheTokenDoesNotManageChangesNothing() throws Exception {
        Map<String, String> noName = ivy();
        noName.remove("name");
        Map<String, String> noQualification = ivy();
        noQualification.put("qualification", " ");
        Map<String, String> otherPlatform = ivy();
        otherPlatform.put("client_id", "client-b");

        assertThat(post(TOKEN, noName).statusCode()).isEqualTo(400);
        HttpResponse<String> blank = post(TOKEN, noQualification);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("Say which IQA qualification", "Nothing was changed");
        HttpResponse<String> unknown = post(TOKEN, otherPlatform);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("manages no platform", "Nothing was changed");
        assertThat(post("attest_" + "b".repeat(43), ivy()).statusCode()).isEqualTo(401);
        assertThat(iqas.onPlatform(platform.id())).isEmpty();
    }
}
