package org.attest.tool.lti;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dynamic Registration attacked over real HTTP: a registered platform (its own RSA key, JWKS on
 * WireMock) and an attacker's WireMock platform with another key. After each attack the
 * platform's row is unchanged, it still launches with its own key, and an id_token signed with
 * the attacker's key is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistrationAttackTest extends IntegrationTest {

    static final Pattern REFERENCE = Pattern.compile("\\(reference ([2-9A-Z]{4}-[2-9A-Z]{2})\\)");

    @Autowired
    PlatformRegistry registry;

    @Autowired
    OneTimeTokens oneTimeTokens;

    @Autowired
    JdbcClient jdbc;

    TestPlatform legit;
    TestPlatform attacker;
    Platform registered;

    @BeforeEach
    void platforms() throws Exception {
        legit = TestPlatform.start();
        attacker = TestPlatform.start();
        registered = legit.register(registry);
        assertThat(legit.fullLaunch(baseUrl()).statusCode()).as("the platform launches before the attack").isEqualTo(302);
    }

    @AfterEach
    void stop() {
        legit.close();
        attacker.close();
    }

    @Test
    void aConfigurationOnAnotherPortCannotTakeOverARegisteredPlatformByItsClientId() throws Exception {
        String before = platformRows();
        stubConfiguration(attacker.server, "/evil/config", legit.issuer, attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/evil/register"));
        stubRegistration(attacker.server, "/evil/register", legit.clientId);

        HttpResponse<String> page = register(url(attacker.server, "/evil/config"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("not the site it came from");
        attacker.server.verify(0, postRequestedFor(urlPathEqualTo("/evil/register")));
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void aConfigurationPlacedOnThePlatformsOwnSiteCannotChangeTheRegisteredPlatform() throws Exception {
        // Passes the issuer check (same origin, under the issuer's path), and the platform answers with the existing client id.
        String before = platformRows();
        stubConfiguration(legit.server, "/moodle/pluginfile.php/evil.json", legit.issuer, attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/evil/register"));
        stubRegistration(attacker.server, "/evil/register", legit.clientId);

        HttpResponse<String> page = register(url(legit.server, "/moodle/pluginfile.php/evil.json"));

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("Attest already has a platform with issuer " + legit.issuer, "nothing was changed");
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void anIssuerOnTheSameHostButAnotherPortIsRefused() throws Exception {
        String before = platformRows();
        String claimed = "http://127.0.0.1:" + legit.server.port() + "/other-lms";
        stubConfiguration(attacker.server, "/evil/config", claimed, attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/evil/register"));
        stubRegistration(attacker.server, "/evil/register", "attacker-client");

        HttpResponse<String> page = register(url(attacker.server, "/evil/config"));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(registry.findByIssuer(claimed)).isEmpty();
        attacker.server.verify(0, postRequestedFor(urlPathEqualTo("/evil/register")));
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void anIssuerThatIsOnlyATextPrefixOfTheConfigurationUrlIsRefused() throws Exception {
        String before = platformRows();
        // http://127.0.0.1:4 is a text prefix of http://127.0.0.1:41234/...; /mood is one of /moodle/...
        String portPrefix = "http://127.0.0.1:" + String.valueOf(attacker.server.port()).charAt(0);
        String pathPrefix = "http://127.0.0.1:" + attacker.server.port() + "/mood";
        for (String claimed : List.of(portPrefix, pathPrefix)) {
            stubConfiguration(attacker.server, "/moodle/config", claimed, attacker.jwksUrl(), attacker.authUrl(),
                    url(attacker.server, "/evil/register"));
            stubRegistration(attacker.server, "/evil/register", "attacker-client");

            HttpResponse<String> page = register(url(attacker.server, "/moodle/config"));

            assertThat(page.statusCode()).as(claimed).isEqualTo(400);
            assertThat(registry.findByIssuer(claimed)).as(claimed).isEmpty();
        }
        attacker.server.verify(0, postRequestedFor(urlPathEqualTo("/evil/register")));
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void aConfigurationUrlWithUserinfoCannotClaimTheHostBeforeTheAt() throws Exception {
        String before = platformRows();
        stubConfiguration(attacker.server, "/evil/config", "http://lms.college.ac.uk", attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/evil/register"));
        stubRegistration(attacker.server, "/evil/register", "attacker-client");

        HttpResponse<String> page = register("http://lms.college.ac.uk@127.0.0.1:" + attacker.server.port() + "/evil/config");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(registry.findByIssuer("http://lms.college.ac.uk")).isEmpty();
        assertThat(attacker.server.findAll(anyRequestedFor(anyUrl()))).as("nothing was fetched").isEmpty();
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void endpointsThatAreNotHttpAreRefused() throws Exception {
        String before = platformRows();
        String issuer = attacker.issuer;
        String registration = url(attacker.server, "/moodle/register");
        List<List<String>> cases = List.of(
                List.of("javascript:alert(document.domain)", attacker.jwksUrl(), registration),
                List.of(attacker.authUrl(), "file:///etc/passwd", registration),
                List.of(attacker.authUrl(), "ftp://127.0.0.1/certs", registration),
                List.of(attacker.authUrl(), attacker.jwksUrl(), "gopher://127.0.0.1:70/register"));
        stubRegistration(attacker.server, "/moodle/register", "attacker-client");
        for (List<String> c : cases) {
            stubConfiguration(attacker.server, "/moodle/config", issuer, c.get(1), c.get(0), c.get(2));

            HttpResponse<String> page = register(url(attacker.server, "/moodle/config"));

            assertThat(page.statusCode()).as(c.toString()).isEqualTo(400);
            assertThat(page.body()).as(c.toString()).contains("is not acceptable");
        }
        assertThat(registry.findByIssuer(issuer)).isEmpty();
        attacker.server.verify(0, postRequestedFor(urlPathEqualTo("/moodle/register")));
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void theOpenRegistrationUrlIsClosedByDefault() throws Exception {
        String before = platformRows();
        List<Platform> attackerBefore = registry.findByIssuer(attacker.issuer); // ports, so issuers, can come round again
        stubConfiguration(attacker.server, "/moodle/config", attacker.issuer, attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/moodle/register"));
        stubRegistration(attacker.server, "/moodle/register", "attacker-client");

        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + "/lti/register" + query(url(attacker.server, "/moodle/config")));

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("needs a one-time registration URL");
        assertThat(registry.findByIssuer(attacker.issuer)).isEqualTo(attackerBefore);
        assertThat(attacker.server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertTheLegitimatePlatformIsUntouched(before);
    }

    @Test
    void aOneTimeUrlRegistersOnceAndIsRefusedAfterwards() throws Exception {
        stubConfiguration(attacker.server, "/moodle/config", attacker.issuer, attacker.jwksUrl(), attacker.authUrl(),
                url(attacker.server, "/moodle/register"));
        stubRegistration(attacker.server, "/moodle/register", "first-client");
        String oneTime = oneTimeTokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));

        HttpResponse<String> first = TestPlatform.getPage(baseUrl() + "/lti/register/" + oneTime + query(url(attacker.server, "/moodle/config")));
        stubRegistration(attacker.server, "/moodle/register", "second-client");
        HttpResponse<String> again = TestPlatform.getPage(baseUrl() + "/lti/register/" + oneTime + query(url(attacker.server, "/moodle/config")));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("unknown, expired or used already");
        assertThat(registry.findByIssuer(attacker.issuer)).extracting(Platform::clientId).containsExactly("first-client");
    }

    @Test
    void twoConcurrentUsesOfOneOneTimeUrlRegisterOnlyOnce() throws Exception {
        // Each platform answers slowly, so both requests are in flight together.
        for (TestPlatform p : List.of(legit, attacker)) {
            p.server.stubFor(get(urlPathEqualTo("/moodle/slow-config")).willReturn(aResponse().withFixedDelay(1500)
                    .withHeader("Content-Type", "application/json")
                    .withBody(configuration(p.issuer, p.jwksUrl(), p.authUrl(), url(p.server, "/moodle/register")))));
            stubRegistration(p.server, "/moodle/register", "concurrent-" + p.server.port());
        }
        String oneTime = oneTimeTokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));

        CompletableFuture<HttpResponse<String>> one = TestPlatform.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                baseUrl() + "/lti/register/" + oneTime + query(url(legit.server, "/moodle/slow-config")))).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> two = TestPlatform.HTTP.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                baseUrl() + "/lti/register/" + oneTime + query(url(attacker.server, "/moodle/slow-config")))).build(), HttpResponse.BodyHandlers.ofString());

        List<Integer> statuses = List.of(one.get().statusCode(), two.get().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 403);
        long registeredNow = jdbc.sql("SELECT COUNT(*) FROM platform WHERE client_id LIKE 'concurrent-%'").query(Long.class).single();
        assertThat(registeredNow).isEqualTo(1);
    }

    @Test
    void failuresTalkingToThePlatformShowAPlainSentenceWithAReferenceAndLogTheDetails(CapturedOutput output) throws Exception {
        attacker.server.stubFor(get(urlPathEqualTo("/moodle/broken")).willReturn(aResponse().withStatus(500)
                .withBody("SECRET-INTERNAL-DETAIL connection to db01.internal:5432 refused")));
        attacker.server.stubFor(get(urlPathEqualTo("/moodle/not-json")).willReturn(aResponse().withBody("SSH-2.0-OpenSSH_9.6")));

        HttpResponse<String> status = register(url(attacker.server, "/moodle/broken"));
        HttpResponse<String> notJson = register(url(attacker.server, "/moodle/not-json"));
        HttpResponse<String> closedPort = register("http://127.0.0.1:1/moodle/config");

        for (HttpResponse<String> page : List.of(status, notJson, closedPort)) {
            assertThat(page.statusCode()).isEqualTo(502);
            assertThat(page.body()).contains("Attest could not complete the registration with the platform (reference ",
                    "The operator finds the details in Attest&#39;s log under that reference.")
                    .doesNotContain("SECRET-INTERNAL-DETAIL", "SSH-2.0", "HTTP 500", "ConnectException", "could not be reached");
        }
        assertThat(withoutReference(status.body())).as("every remote failure reads the same")
                .isEqualTo(withoutReference(notJson.body())).isEqualTo(withoutReference(closedPort.body()));
        Matcher reference = REFERENCE.matcher(status.body());
        assertThat(reference.find()).isTrue();
        assertThat(output.getOut()).containsPattern("reference " + reference.group(1) + ".*SECRET-INTERNAL-DETAIL");
    }

    private void assertTheLegitimatePlatformIsUntouched(String rowsBefore) throws Exception {
        assertThat(platformRows()).as("the platform's row is unchanged").isEqualTo(rowsBefore);
        assertThat(legit.fullLaunch(baseUrl()).statusCode()).as("the platform still launches with its own key").isEqualTo(302);
        TestPlatform.AuthRequest auth = legit.login(baseUrl());
        String forged = TestPlatform.sign(legit.resourceLinkClaims(baseUrl(), auth.nonce()).build(), attacker.key, JWSAlgorithm.RS256);
        assertThat(legit.launch(baseUrl(), forged, auth.state()).statusCode()).as("an id_token signed with the attacker's key is refused")
                .isNotEqualTo(302);
    }

    private String platformRows() {
        return jdbc.sql("SELECT p.*, d.deployment_id FROM platform p LEFT JOIN deployment d ON d.platform_id = p.id "
                + "WHERE p.id = ? ORDER BY d.deployment_id").param(registered.id()).query().listOfRows().toString();
    }

    private HttpResponse<String> register(String configurationUrl) throws Exception {
        String oneTime = oneTimeTokens.mint(OneTimeTokens.Purpose.REGISTRATION, Duration.ofDays(7));
        return TestPlatform.getPage(baseUrl() + "/lti/register/" + oneTime + query(configurationUrl));
    }

    private static String query(String configurationUrl) {
        return "?openid_configuration=" + URLEncoder.encode(configurationUrl, StandardCharsets.UTF_8) + "&registration_token=t";
    }

    private static String url(WireMockServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String withoutReference(String page) {
        return REFERENCE.matcher(page).replaceAll("(reference)");
    }

    private static void stubConfiguration(WireMockServer server, String path, String issuer, String jwks, String authorization,
            String registrationEndpoint) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(configuration(issuer, jwks, authorization, registrationEndpoint))));
    }

    private static String configuration(String issuer, String jwks, String authorization, String registrationEndpoint) {
        return """
                {"issuer": "%s", "authorization_endpoint": "%s", "token_endpoint": "%s/token", "jwks_uri": "%s",
                 "registration_endpoint": "%s", "scopes_supported": ["openid"],
                 "https://purl.imsglobal.org/spec/lti-platform-configuration": {"product_family_code": "moodle"}}
                """.formatted(issuer, authorization, authorization, jwks, registrationEndpoint);
    }

    private static void stubRegistration(WireMockServer server, String path, String clientId) {
        server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("""
                        {"client_id": "%s", "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "1"}}
                        """.formatted(clientId))));
    }
}
