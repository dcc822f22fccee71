package org.attest.tool.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token API's EQA grant (POST /admin/api/eqa-grants), as the sandbox uses it to give its demo external verifier
 * access: the one-time link and code come back once and sign in; only hashes are kept; the grant is audited; with
 * reissue_existing a live grant gets a new link and code instead of a second grant; bad input, a platform the token
 * does not manage and a wrong token change nothing.
 */
@TestPropertySource(properties = {"server.address=127.0.0.1", "attest.admin.loopback-api-token=" + IqaApiTest.TOKEN})
class EqaGrantApiTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired PlatformRegistry registry;
    @Autowired EqaGrants grants;
    @Autowired FrameworkCatalog catalog;
    @Autowired JdbcClient jdbc;
    Platform platform;

    @BeforeEach
    void platform() {
        String issuer = "https://moodle-" + System.nanoTime() + ".example";
        platform = registry.register(new PlatformRegistry.Registration(issuer, "client-a", "Centre Moodle", issuer + "/auth",
                issuer + "/token", issuer + "/certs", "moodle", Platform.RegisteredBy.MANUAL, List.of("1")));
    }

    private HttpResponse<String> post(String url, String token, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> grant(Map<String, String> form) throws Exception {
        return post(baseUrl() + "/admin/api/eqa-grants", IqaApiTest.TOKEN, form);
    }

    private Map<String, String> erin() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("issuer", platform.issuer());
        form.put("client_id", "client-a");
        form.put("name", "Erin Examiner");
        form.put("email", "erin@awarding.example");
        form.put("awarding_body", "City & Guilds");
        form.put("framework", catalog.units(platform.id()).get(0).framework().id().toString());
        form.put("unit_codes", "224");
        form.put("starts_on", LocalDate.now().toString());
        form.put("ends_on", LocalDate.now().plusDays(30).toString());
        return form;
    }

    private long auditRows() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    @Test
    void aGrantAnswersItsLinkAndCodeOnceAndTheySignIn() throws Exception {
        long audited = auditRows();
        HttpResponse<String> made = grant(erin());

        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(made.body());
        String link = answer.path("link").asString();
        String code = answer.path("code").asString();
        assertThat(link).startsWith(baseUrl() + "/eqa/");
        assertThat(code).hasSize(8);
        assertThat(answer.path("status").asString()).isEqualTo("Active");
        assertThat(answer.path("reissued").asBoolean()).isFalse();
        EqaGrant stored = grants.onPlatform(platform.id()).get(0);
        assertThat(stored.name()).isEqualTo("Erin Examiner");
        assertThat(stored.awardingBody()).isEqualTo("City & Guilds");
        assertThat(stored.unitCodes()).containsExactly("224");
        assertThat(stored.endsOn()).isEqualTo(LocalDate.now().plusDays(30));
        String row = jdbc.sql("SELECT * FROM eqa_grant WHERE id = ?").param(stored.id()).query().singleRow().toString();
        assertThat(row).as("only hashes are kept").doesNotContain(link.substring(link.lastIndexOf('/') + 1), code);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EQA_GRANT_CREATED' AND subject_id = ?")
                .param(stored.id()).query(Long.class).single()).as("audited as the admin page does").isEqualTo(1);
        assertThat(auditRows()).isEqualTo(audited + 1);

        HttpResponse<String> signedIn = post(link, null, Map.of("code", code));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).matches(".*/s/[^/]+/eqa");
    }

    @Test
    void reissueExistingGivesTheLiveGrantANewLinkAndCodeInsteadOfASecond() throws Exception {
        Map<String, String> form = erin();
        form.put("reissue_existing", "true");
        JsonNode first = JSON.readTree(grant(form).body());

        HttpResponse<String> again = grant(form);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode second = JSON.readTree(again.body());
        assertThat(second.path("reissued").asBoolean()).isTrue();
        assertThat(second.path("grantId").asString()).isEqualTo(first.path("grantId").asString());
        assertThat(grants.onPlatform(platform.id())).hasSize(1);
        assertThat(post(first.path("link").asString(), null, Map.of("code", first.path("code").asString())).statusCode())
                .as("the old link no longer works").isEqualTo(404);
        assertThat(post(second.path("link").asString(), null, Map.of("code", second.path("code").asString())).statusCode())
                .isEqualTo(303);
    }

    @Test
    void badInputOrAPlatformTheTokenDoesNotManageChangesNothing() throws Exception {
        long audited = auditRows();
        Map<String, String> noName = erin();
        noName.remove("name");
        Map<String, String> reversed = erin();
        reversed.put("ends_on", LocalDate.now().minusDays(1).toString());
        reversed.put("starts_on", LocalDate.now().toString());
        Map<String, String> notADate = erin();
        notADate.put("starts_on", "tomorrow");
        Map<String, String> unknownFramework = erin();
        unknownFramework.put("framework", "Plumbing Level 9");
        Map<String, String> unknownUnit = erin();
        unknownUnit.put("unit_codes", "224 999");
        Map<String, String> badPlan = erin();
        badPlan.put("plan_id", UUID.randomUUID().toString());
        Map<String, String> otherPlatform = erin();
        otherPlatform.put("client_id", "client-b");

        assertRefused(grant(noName), 400, "Give the external verifier's name");
        assertRefused(grant(reversed), 400, "before it starts");
        assertRefused(grant(notADate), 400, "is not a date");
        assertRefused(grant(unknownFramework), 400, "no framework with the id or title 'Plumbing Level 9'");
        assertRefused(grant(unknownUnit), 400, "has no unit 999");
        assertRefused(grant(badPlan), 400, "not a plan of this qualification");
        assertRefused(grant(otherPlatform), 404, "manages no platform");
        assertThat(post(baseUrl() + "/admin/api/eqa-grants", "attest_" + "b".repeat(43), erin()).statusCode()).isEqualTo(401);
        assertThat(post(baseUrl() + "/admin/api/eqa-grants", null, erin()).statusCode()).isEqualTo(401);
        assertThat(grants.onPlatform(platform.id())).isEmpty();
        assertThat(auditRows()).isEqualTo(audited);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(says, "Nothing was changed");
    }
}
