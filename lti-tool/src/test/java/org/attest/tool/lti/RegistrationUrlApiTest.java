package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The token API's registration URLs, with the loopback API token a program running Attest beside itself hands over
 * (attest-sandbox.jar): a tool-wide token gets a one-time URL bound to the one configuration URL it names; without
 * a token, with a centre's token or without a configuration URL nothing is made.
 */
@TestPropertySource(properties = {"server.address=127.0.0.1", "attest.admin.loopback-api-token=" + LoopbackApiTokenTest.TOKEN})
class RegistrationUrlApiTest extends IntegrationTest {

    private static final String CONFIGURATION = "http://localhost:9/lms/.well-known/openid-configuration";
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired JdbcClient jdbc;
    @Autowired ApiTokens apiTokens;
    @Autowired PlatformRegistry registry;

    private HttpResponse<String> post(String token, String configuration) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/api/registration-urls"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(configuration == null ? ""
                        : "openid_configuration=" + URLEncoder.encode(configuration, StandardCharsets.UTF_8)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int registrationTokens() {
        return jdbc.sql("SELECT COUNT(*) FROM one_time_token WHERE purpose = 'REGISTRATION'").query(Integer.class).single();
    }

    @Test
    void theLoopbackTokenGetsAOneTimeUrlBoundToTheConfigurationItNames() throws Exception {
        HttpResponse<String> answer = post(LoopbackApiTokenTest.TOKEN, CONFIGURATION);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"url\":\"" + baseUrl() + "/lti/register/", "\"validForSeconds\":900");
        assertThat(jdbc.sql("SELECT bound_to FROM one_time_token WHERE purpose = 'REGISTRATION' ORDER BY created_at DESC")
                .query(String.class).list()).first().isEqualTo(CONFIGURATION);
    }

    @Test
    void theLoopbackTokenListsFrameworksAsAnOperatorsTokenDoes() throws Exception {
        HttpResponse<String> frameworks = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/api/frameworks"))
                .header("Authorization", "Bearer " + LoopbackApiTokenTest.TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(frameworks.statusCode()).as(frameworks.body()).isEqualTo(200);
    }

    @Test
    void withoutATokenWithACentresTokenOrWithoutAConfigurationNothingIsMade() throws Exception {
        Platform platform = registry.register(new PlatformRegistry.Registration("https://moodle.example/regurl", "client-regurl",
                "Centre Moodle", "https://moodle.example/auth", "https://moodle.example/token", "https://moodle.example/certs",
                "moodle", Platform.RegisteredBy.MANUAL, List.of("1")));
        String centres = apiTokens.create(AdminScope.centre(platform.id()), "centre CI", "test", null);
        int before = registrationTokens();

        HttpResponse<String> anonymous = post(null, CONFIGURATION);
        HttpResponse<String> wrongToken = post("attest_" + "z".repeat(43), CONFIGURATION);
        HttpResponse<String> centre = post(centres, CONFIGURATION);
        HttpResponse<String> noConfiguration = post(LoopbackApiTokenTest.TOKEN, null);
        HttpResponse<String> notAUrl = post(LoopbackApiTokenTest.TOKEN, "javascript:alert(1)");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(centre.statusCode()).isEqualTo(403);
        assertThat(centre.body()).contains("Only a tool-wide API token");
        assertThat(noConfiguration.statusCode()).isEqualTo(400);
        assertThat(notAUrl.statusCode()).isEqualTo(400);
        assertThat(noConfiguration.body()).contains("Send openid_configuration", "Nothing was made");
        assertThat(registrationTokens()).isEqualTo(before);
    }

    @Test
    void aConfigurationUrlDynamicRegistrationWouldRefuseGetsNoUrlAndTheReason() throws Exception {
        int before = registrationTokens();

        HttpResponse<String> plainHttp = post(LoopbackApiTokenTest.TOKEN, "http://moodle.example/.well-known/openid-configuration");

        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(plainHttp.body()).contains("uses http://", "Nothing was made");
        assertThat(registrationTokens()).isEqualTo(before);
    }
}
