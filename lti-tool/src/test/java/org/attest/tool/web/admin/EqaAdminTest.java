package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.quality.internal.EqaGrant;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.standards.FrameworkCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * Centre administrators grant external verifiers access on their own platforms: the one-time link and code are shown
 * once (only hashes stored), grants are listed with their status, revoked at once and given a new link and code.
 */
class EqaAdminTest extends AdminIntegrationTest {

    static final Pattern LINK = Pattern.compile("id=\"issued-link\">[^<]*/eqa/([A-Za-z0-9_-]{43})<");
    static final Pattern CODE = Pattern.compile("id=\"issued-code\">([A-Z2-9]{8})<");

    @Autowired
    EqaGrants grants;

    @Autowired
    FrameworkCatalog catalog;

    @Test
    void centreAdminGrantsListsRevokesAndReissuesAndOnlyHashesAreStored() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            String admin = launchSession(college, INSTITUTION_ADMIN);
            assertThat(get(admin + "/admin").body()).contains("/admin/eqa");
            assertThat(get(admin + "/admin/eqa").body()).contains("External verifiers", "No external verifier has been granted");

            HttpResponse<String> granted = post(admin + "/admin/eqa", grantForm(platform, "  Erin External  "));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            String link = group(LINK, granted.body());
            String code = group(CODE, granted.body());
            EqaGrant grant = grants.onPlatform(platform.id()).get(0);
            assertThat(grant.name()).isEqualTo("Erin External");
            assertThat(grant.status(LocalDate.now())).isEqualTo(EqaGrant.Status.ACTIVE);
            String stored = jdbc.sql("SELECT * FROM eqa_grant WHERE id = ?").param(grant.id()).query().singleRow().toString();
            assertThat(stored).doesNotContain(link).doesNotContain(code);
            String listed = HtmlUtils.htmlUnescape(get(admin + "/admin/eqa").body());
            assertThat(listed).contains("Erin External", "City & Guilds", "Active").doesNotContain(link, code);
            assertThat(get("/eqa/" + link).body()).contains("Erin External", "Access code");

            HttpResponse<String> reissued = post(admin + "/admin/eqa/" + grant.id() + "/reissue", Map.of());
            assertThat(reissued.statusCode()).isEqualTo(200);
            String newLink = group(LINK, reissued.body());
            assertThat(newLink).isNotEqualTo(link);
            assertThat(get("/eqa/" + link).statusCode()).as("the old link dies").isEqualTo(404);
            assertThat(get("/eqa/" + newLink).statusCode()).isEqualTo(200);

            // the EQA signs in, opens a page and writes a report: the administrator sees both
            HttpResponse<String> signedIn = post("/eqa/" + newLink, Map.of("code", group(CODE, reissued.body())));
            String eqa = signedIn.headers().firstValue("Location").orElseThrow();
            assertThat(eqa).matches("/s/[A-Za-z0-9_-]{64}/eqa");
            assertThat(get(eqa).statusCode()).isEqualTo(200);
            assertThat(post(eqa + "/report", Map.of("visitOn", LocalDate.now().toString(), "summary", "All in order.",
                    "outcome", "LEVEL_0")).statusCode()).isEqualTo(303);
            String audited = HtmlUtils.htmlUnescape(get(admin + "/admin/eqa").body());
            assertThat(audited).contains("Opened</span> <code>/eqa</code>", "Signed in", "All in order.",
                    "No sanction: direct claims status maintained (level 0)").doesNotContain(eqa.substring(3, 67));

            assertThat(post(admin + "/admin/eqa/" + grant.id() + "/revoke", Map.of()).statusCode()).isEqualTo(303);
            assertThat(HtmlUtils.htmlUnescape(get(admin + "/admin/eqa").body())).contains("Revoked");
            assertThat(get("/eqa/" + newLink).body()).contains("not valid");
            assertThat(get(eqa).statusCode()).as("the EQA's session loses access at once").isEqualTo(403);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE platform_id = ? AND action IN "
                    + "('EQA_GRANT_CREATED', 'EQA_LINK_REISSUED', 'EQA_GRANT_REVOKED')").param(platform.id())
                    .query(Long.class).single()).isEqualTo(3);
        }
    }

    @Test
    void badInputOnTheGrantFormSaysWhatIsWrongAndChangesNothing() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            String admin = launchSession(college, INSTITUTION_ADMIN);
            String before = snapshot();

            assertRefused(admin, with(grantForm(platform, "Erin"), "name", "  "), "give the external verifier's name");
            assertRefused(admin, with(grantForm(platform, "Erin"), "startsOn", LocalDate.now().plusDays(5).toString()),
                    "before it starts");
            assertRefused(admin, with(grantForm(platform, "Erin"), "frameworkId", UUID.randomUUID().toString()),
                    "is not one your centre uses");
            assertRefused(admin, with(grantForm(platform, "Erin"), "frameworkId", "not-a-framework"),
                    "is not one of the choices listed");
            assertRefused(admin, with(grantForm(platform, "Erin"), "name", "x".repeat(201)), "201 characters long");
            assertRefused(admin, with(grantForm(platform, "Erin"), "unitCodes", "no-such-unit"),
                    "has no unit no-such-unit");
            assertRefused(admin, with(grantForm(platform, "Erin"), "email", "erin"), "is not an email address");
            assertRefused(admin, with(grantForm(platform, "Erin"), "endsOn", "31/12/2026"), "is not a date");
            assertRefused(admin, with(grantForm(platform, "Erin"), "planId", UUID.randomUUID().toString()),
                    "not a plan of this qualification");
            assertThat(post(admin + "/admin/eqa/" + UUID.randomUUID() + "/revoke", Map.of()).statusCode()).isEqualTo(404);

            assertThat(snapshot()).isEqualTo(before);
        }
    }

    private void assertRefused(String admin, Map<String, String> form, String message) throws Exception {
        HttpResponse<String> refused = post(admin + "/admin/eqa", form);
        assertThat(refused.statusCode()).as(form.toString()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(refused.body()).toLowerCase()).contains(message.toLowerCase(), "nothing was changed")
                .doesNotContain("id=\"issued-link\"");
    }

    private Map<String, String> grantForm(Platform platform, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("platformId", platform.id().toString());
        form.put("name", name);
        form.put("email", "erin@awarding.example.org");
        form.put("awardingBody", "City & Guilds");
        form.put("frameworkId", catalog.units(platform.id()).get(0).framework().id().toString());
        form.put("unitCodes", "");
        form.put("planId", "");
        form.put("startsOn", LocalDate.now().toString());
        form.put("endsOn", LocalDate.now().plusDays(3).toString());
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.put(field, value);
        return changed;
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }
}
