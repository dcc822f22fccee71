package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attest.tool.web.admin.FrameworkAdminTest.bearer;
import static org.attest.tool.web.admin.FrameworkAdminTest.cli;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.CasePackages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * API tokens belong to the scope they were made in and expire: a centre's token imports and lists
 * that centre's frameworks (and the tool-wide ones) only; an expired token is refused with the date.
 */
class ApiTokenScopeTest extends AdminIntegrationTest {

    private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");

    TestPlatform moodle;
    Platform a;
    Platform b;
    String centreAdminOfA;
    String url;

    @BeforeEach
    void twoPlatforms() throws Exception {
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        b = otherPlatform("b");
        centreAdminOfA = launchSession(moodle, INSTITUTION_ADMIN);
        url = baseUrl() + "/admin/api/frameworks";
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void aCentresTokenImportsNewFrameworksForThatCentre() throws Exception {
        String token = newToken(centreAdminOfA, "centre CI", null);
        Framework ours = CasePackages.unit224(CasePackages.uniqueTitle("centre token"));

        HttpResponse<String> created = bearer(url, token, CasePackages.caseJson(ours));
        HttpResponse<String> changed = bearer(url, token, CasePackages.caseJson(CasePackages.modified(ours)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT DISTINCT platform_id FROM framework_version WHERE framework_id = ?").param(ours.id())
                .query(UUID.class).list()).containsExactly(a.id());
    }

    @Test
    void aCentresTokenCannotVersionAToolWideFrameworkNorTouchAnotherCentresAndNothingChanges() throws Exception {
        Framework toolWide = importFramework(AdminScope.TOOL, "tool-wide");
        Framework ofB = importFramework(AdminScope.centre(b.id()), "secret title of B");
        String token = newToken(centreAdminOfA, "centre CI", null);
        String before = snapshot();

        HttpResponse<String> newVersion = bearer(url, token, CasePackages.caseJson(CasePackages.modified(toolWide)));
        HttpResponse<String> sameContent = bearer(url, token, CasePackages.caseJson(toolWide));
        HttpResponse<String> othersIdentifier = bearer(url, token, CasePackages.caseJson(CasePackages.modified(ofB)));
        HttpResponse<String> othersSameContent = bearer(url, token, CasePackages.caseJson(ofB));
        FrameworkAdminTest.Cli push = cli("--sample", "unit-224", "--framework-title", toolWide.title(), "--framework-version", "2",
                "--push", url, "--token", token);

        assertThat(newVersion.statusCode()).isEqualTo(403);
        assertThat(parse(newVersion).path("error").asString()).isEqualTo(toolWide.title() + " is a tool-wide framework: only "
                + "the operator imports its new versions. Ask the operator to import this version, or give your package an "
                + "identifier of its own (CFDocument.identifier) to import it as your centre's framework. Nothing was changed.");
        assertThat(sameContent.statusCode()).as("the current content of a tool-wide framework is no change").isEqualTo(200);
        for (HttpResponse<String> refused : java.util.List.of(othersIdentifier, othersSameContent)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(parse(refused).path("error").asString()).contains("The CASE identifier " + ofB.id()
                    + " of this package is already used by a framework of another centre", "ask the operator");
            assertThat(refused.body()).doesNotContain("secret title of B");
        }
        assertThat(push.exit()).isEqualTo(3);
        assertThat(push.err()).contains("HTTP 403", "is a tool-wide framework: only the operator imports its new versions");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aCentresTokenListsTheToolWideFrameworksAndItsCentresOnly() throws Exception {
        Framework toolWide = importFramework(AdminScope.TOOL, "listed tool-wide");
        Framework ofA = importFramework(AdminScope.centre(a.id()), "listed of A");
        Framework ofB = importFramework(AdminScope.centre(b.id()), "unlisted of B");
        String token = newToken(centreAdminOfA, "lister", null);

        HttpResponse<String> list = bearer(url, token, null);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(parse(list).valueStream().map(f -> f.path("title").asString()).toList())
                .contains(toolWide.title(), ofA.title()).doesNotContain(ofB.title());
    }

    @Test
    void theOperatorsTokenIsToolWide() throws Exception {
        String token = newToken(operatorSession(), "operator CI", null);
        Framework framework = CasePackages.unit224(CasePackages.uniqueTitle("operator token"));

        HttpResponse<String> created = bearer(url, token, CasePackages.caseJson(framework));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM framework_version WHERE framework_id = ? AND platform_id IS NULL")
                .param(framework.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE label = 'operator CI' AND platform_id IS NULL")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenIsRefusedWithTheDateItExpiredAndShownAsExpired() throws Exception {
        String token = newToken(centreAdminOfA, "expiring", null);
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE label = 'expiring'")
                .param(Timestamp.from(Instant.now().minus(Duration.ofDays(1)).minusSeconds(5))).update();
        Instant expiredAt = jdbc.sql("SELECT expires_at FROM api_token WHERE label = 'expiring'").query(Timestamp.class)
                .single().toInstant();
        String before = snapshot();

        HttpResponse<String> refused = bearer(url, token, CasePackages.caseJson(CasePackages.unit224(CasePackages.uniqueTitle("late"))));
        String page = get(centreAdminOfA + "/admin/frameworks").body();

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(parse(refused).path("error").asString()).isEqualTo("this API token ('expiring') expired on "
                + DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC).format(expiredAt)
                + "; make a new one on the Frameworks admin page");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(page).contains("data-token=\"" + tokenId("expiring") + "\" data-expired=\"true\"");
    }

    @Test
    void tokensExpiredLongerThanTheKeepingTimeAreRemoved() throws Exception {
        newToken(centreAdminOfA, "long gone", null);
        newToken(centreAdminOfA, "just expired", null);
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE label = 'long gone'")
                .param(Timestamp.from(Instant.now().minus(Duration.ofDays(31)))).update();
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE label = 'just expired'")
                .param(Timestamp.from(Instant.now().minus(Duration.ofDays(29)))).update();

        String page = get(centreAdminOfA + "/admin/frameworks").body();

        assertThat(page).doesNotContain("long gone").contains("just expired");
        assertThat(jdbc.sql("SELECT label FROM api_token WHERE label IN ('long gone', 'just expired')").query(String.class).list())
                .containsExactly("just expired");
    }

    @Test
    void aNewTokenLastsTheChosenLifetimeAndOnlyAnOfferedOne() throws Exception {
        Instant start = Instant.now();
        newToken(centreAdminOfA, "thirty", "PT720H");
        newToken(centreAdminOfA, "default", null);
        String before = snapshot();

        HttpResponse<String> week = post(centreAdminOfA + "/admin/frameworks/tokens", Map.of("label", "week", "lifetime", "PT168H"));

        assertThat(expiry("thirty")).isBetween(start.plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(30)));
        assertThat(expiry("default")).isBetween(start.plus(Duration.ofDays(90)), Instant.now().plus(Duration.ofDays(90)));
        assertThat(week.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(week.body())).contains("A token lasts 30 days, 90 days, 365 days; choose one of these");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTokenOfADisabledPlatformIsRefused() throws Exception {
        String token = newToken(centreAdminOfA, "disabled platform", null);
        registry.setEnabled(a.id(), false);

        HttpResponse<String> refused = bearer(url, token, null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(parse(refused).path("error").asString()).contains("belongs to a platform that is disabled");
    }

    private Instant expiry(String label) {
        return jdbc.sql("SELECT expires_at FROM api_token WHERE label = ?").param(label).query(Timestamp.class).single().toInstant();
    }

    /** Makes a token on the page as an administrator would, and reads it from the page that shows it once. */
    private String newToken(String session, String label, String lifetime) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("label", label);
        if (lifetime != null) {
            form.put("lifetime", lifetime);
        }
        HttpResponse<String> page = post(session + "/admin/frameworks/tokens", form);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher m = NEW_TOKEN.matcher(page.body());
        assertThat(m.find()).as("the page shows the new token").isTrue();
        return m.group(1);
    }
}
