package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.internal.OperatorSetup;
import org.attest.tool.lti.internal.SecretTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Launch sessions end when idle as well as at their absolute end, and on sign-out; every page family carries a
 * Content-Security-Policy that runs only Attest's scripts and lets only registered LMSs frame it.
 */
@Import(KeyRotationTest.MovableTime.class)
class SessionsAndHeadersTest extends IntegrationTest {

    @Autowired
    KeyRotationTest.MovableClock clock;

    @Autowired
    PlatformRegistry registry;

    @Autowired
    OperatorSetup setup;

    @Autowired
    JdbcClient jdbc;


    TestPlatform moodle;

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
    }

    @AfterEach
    void stopPlatformAndResetClock() {
        clock.reset();
        moodle.close();
    }

    private String launch() throws Exception {
        HttpResponse<String> launch = moodle.fullLaunch(baseUrl());
        assertThat(launch.statusCode()).isEqualTo(302);
        return baseUrl() + launch.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void sessionEndsAfterTwoHoursWithoutARequestButActivityKeepsItAlive() throws Exception {
        String page = launch();
        assertThat(TestPlatform.getPage(page).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(110));
        assertThat(TestPlatform.getPage(page).statusCode()).as("used within the idle timeout").isEqualTo(200);
        clock.advance(Duration.ofMinutes(110));
        assertThat(TestPlatform.getPage(page).statusCode()).as("3h40 after launch, but only 1h50 idle").isEqualTo(200);

        clock.advance(Duration.ofMinutes(121));
        HttpResponse<String> idle = TestPlatform.getPage(page);

        assertThat(idle.statusCode()).isEqualTo(401);
        assertThat(idle.body()).contains("Your Attest session has ended");
    }

    @Test
    void sessionEndsAtItsAbsoluteLifeHoweverBusy() throws Exception {
        String page = launch();
        for (int hour = 1; hour < 8; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(TestPlatform.getPage(page).statusCode()).as("hour %d", hour).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(61));

        assertThat(TestPlatform.getPage(page).statusCode()).isEqualTo(401);
    }

    @Test
    void signOutEndsTheSessionAtOnce() throws Exception {
        String page = launch();
        String token = page.replaceAll(".*/s/([^/]+)/.*", "$1");
        HttpResponse<String> shown = TestPlatform.getPage(page);
        assertThat(shown.body()).contains("Sign out", "/s/" + token + "/sign-out");

        HttpResponse<String> signOut = TestPlatform.post(baseUrl() + "/s/" + token + "/sign-out", Map.of());

        assertThat(signOut.statusCode()).isEqualTo(200);
        assertThat(signOut.body()).contains("You have signed out of Attest");
        assertThat(TestPlatform.getPage(page).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM launch_session WHERE token_hash = ?").param(SecretTokens.hash(token))
                .query(Integer.class).single()).isZero();
        assertThat(TestPlatform.post(baseUrl() + "/s/" + token + "/sign-out", Map.of()).statusCode())
                .as("a second sign-out finds no session").isEqualTo(401);
    }

    @Test
    void aSessionEndedByAnotherReplicaIsRefusedAtOnceThoughThisOneKnowsItsPrincipal() throws Exception {
        String page = launch();
        String token = page.replaceAll(".*/s/([^/]+)/.*", "$1");
        assertThat(TestPlatform.getPage(page).statusCode()).isEqualTo(200);

        jdbc.sql("DELETE FROM launch_session WHERE token_hash = ?").param(SecretTokens.hash(token)).update(); // another replica's sign-out

        assertThat(TestPlatform.getPage(page).statusCode()).isEqualTo(401);
    }

    @Test
    void operatorCanSignOutOfTheAdminPages() throws Exception {
        String admin = baseUrl() + TestPlatform.getPage(setup.newLink()).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = TestPlatform.getPage(admin);
        assertThat(page.body()).contains("Sign out");

        TestPlatform.post(admin.replace("/admin", "/sign-out"), Map.of());

        assertThat(TestPlatform.getPage(admin).statusCode()).isEqualTo(401);
    }

    @Test
    void everyPageFamilyCarriesAPolicyThatRunsOnlyAttestsScriptsAndIsFramedOnlyByRegisteredPlatforms() throws Exception {
        String launched = launch();
        String admin = baseUrl() + TestPlatform.getPage(setup.newLink()).headers().firstValue("Location").orElseThrow();
        Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
        pages.put("launch page", TestPlatform.getPage(launched));
        pages.put("admin page", TestPlatform.getPage(admin));
        pages.put("admin frameworks", TestPlatform.getPage(admin + "/frameworks"));
        pages.put("login refusal", TestPlatform.post(baseUrl() + "/lti/login", Map.of("iss", "https://nobody.example")));
        pages.put("launch refusal", TestPlatform.post(baseUrl() + "/lti/launch", Map.of("id_token", "x", "state", "y")));
        pages.put("ended session", TestPlatform.getPage(baseUrl() + "/s/" + "x".repeat(64) + "/"));
        pages.put("registration", TestPlatform.getPage(baseUrl() + "/lti/register"));
        pages.put("setup link refusal", TestPlatform.getPage(baseUrl() + "/admin/setup/" + "y".repeat(64)));
        pages.put("not found", TestPlatform.getPage(baseUrl() + "/no/such/page"));
        pages.put("jwks", TestPlatform.getPage(baseUrl() + "/.well-known/jwks.json"));
        pages.put("stylesheet", TestPlatform.getPage(baseUrl() + "/css/attest.css"));
        String platformOrigin = moodle.issuer.replace("/moodle", "");

        pages.forEach((family, response) -> {
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(family).contains("script-src 'self'", "object-src 'none'", "base-uri 'none'");
            assertThat(frameAncestors(policy)).as(family).contains("'self'", platformOrigin).doesNotContain("*");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(family).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(family).hasValue("no-referrer");
        });
    }

    @Test
    void aDisabledPlatformMayNoLongerFrameAttest() throws Exception {
        String platformOrigin = moodle.issuer.replace("/moodle", "");
        assertThat(frameAncestors(policyOf("/lti/register"))).contains(platformOrigin);

        registry.setEnabled(registry.find(moodle.issuer, moodle.clientId).orElseThrow().id(), false);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !frameAncestors(policyOf("/lti/register")).contains(platformOrigin));
    }

    @Test
    void aServiceOriginTheAdministratorAddedMayFrameAttest() throws Exception {
        // Canvas frames a launch from the institution's host, which is none of the platform's registered URLs.
        Platform platform = registry.find(moodle.issuer, moodle.clientId).orElseThrow();
        assertThat(frameAncestors(policyOf("/lti/register"))).doesNotContain("https://college.instructure.com");

        // what the platform's Service origins page stores
        jdbc.sql("INSERT INTO platform_service_origin (platform_id, origin, added_at, added_by) VALUES (?, ?, ?, ?)")
                .params(platform.id(), "https://college.instructure.com", Timestamp.from(Instant.now()), "test").update();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> frameAncestors(policyOf("/lti/register")).contains("https://college.instructure.com"));
    }

    private String policyOf(String path) throws Exception {
        return TestPlatform.getPage(baseUrl() + path).headers().firstValue("Content-Security-Policy").orElse("");
    }

    private static List<String> frameAncestors(String policy) {
        for (String directive : policy.split(";")) {
            List<String> parts = List.of(directive.trim().split("\\s+"));
            if (parts.get(0).equals("frame-ancestors")) {
                return parts.subList(1, parts.size());
            }
        }
        return List.of();
    }
}
