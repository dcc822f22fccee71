package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * A course is offered, and may place, the tool-wide frameworks and its own centre's, never another
 * centre's: on the deep-linking and task pickers, when placing a unit or a task, when a tutor binds
 * an activity, and when the LMS's custom parameters name another centre's framework.
 */
class FrameworkPlacementScopeTest extends AdminIntegrationTest {

    static final String CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom";
    static final String RESOURCE_LINK = "https://purl.imsglobal.org/spec/lti/claim/resource_link";
    private static final Pattern JWT = Pattern.compile("name=\"JWT\" value=\"([^\"]+)\"");

    TestPlatform moodle;
    Platform a;
    Platform b;
    Framework toolWide;
    Framework ofA;
    Framework ofB;

    @BeforeEach
    void threeFrameworks() throws Exception {
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        b = otherPlatform("b");
        toolWide = importFramework(AdminScope.TOOL, "placement tool-wide");
        ofA = importFramework(AdminScope.centre(a.id()), "placement of A");
        ofB = importFramework(AdminScope.centre(b.id()), "placement of B");
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void deepLinkingOffersAndPlacesTheToolWideFrameworksAndThePlatformsOwnOnly() throws Exception {
        String tutor = deepLinkingSession();

        String picker = HtmlUtils.htmlUnescape(get(tutor + "/").body());
        String taskPicker = HtmlUtils.htmlUnescape(get(tutor + "/deep-linking/task").body());
        String placedB = placedItems(tutor, ofB);
        String placedA = placedItems(tutor, ofA);

        assertThat(picker).contains(toolWide.title(), ofA.title()).doesNotContain(ofB.title());
        assertThat(taskPicker).contains(toolWide.title(), ofA.title()).doesNotContain(ofB.title());
        assertThat(placedB).doesNotContain(ofB.id().toString());
        assertThat(placedA).contains(ofA.id().toString());
    }

    @Test
    void theOperatorMakesACentresFrameworkToolWideAndEveryPlatformIsOfferedIt() throws Exception {
        HttpResponse<String> made = post(operatorSession() + "/admin/frameworks/" + ofB.id() + "/tool-wide", Map.of());

        assertThat(made.statusCode()).isEqualTo(303);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM framework_version WHERE framework_id = ? AND platform_id IS NULL")
                .param(ofB.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(HtmlUtils.htmlUnescape(get(deepLinkingSession() + "/").body())).contains(ofB.title());
    }

    @Test
    void anAssessmentTaskCannotBePlacedOnAnotherCentresFramework() throws Exception {
        String tutor = deepLinkingSession();
        long tasksBefore = jdbc.sql("SELECT COUNT(*) FROM assessment_task").query(Long.class).single();

        HttpResponse<String> refused = post(tutor + "/deep-linking/task", Map.of("unit", ofB.id() + ":224",
                "criterion", "224.1.1", "title", "Task on B's unit", "scoreMaximum", "10", "passMark", "5"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(refused.body())).contains("is not in Attest's frameworks").doesNotContain(ofB.title());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessment_task").query(Long.class).single()).isEqualTo(tasksBefore);
    }

    @Test
    void aTutorCannotBindAnActivityToAnotherCentresFramework() throws Exception {
        String activity = "by-hand-" + UUID.randomUUID();
        String tutor = resourceLinkSession(INSTRUCTOR, activity, Map.of());
        String before = bindings();

        HttpResponse<String> refused = post(tutor + "/bind", Map.of("unit", ofB.id() + ":224"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(refused.body())).contains("is not in Attest's frameworks")
                .doesNotContain(ofB.title());
        assertThat(bindings()).isEqualTo(before);
        assertThat(post(tutor + "/bind", Map.of("unit", ofA.id() + ":224")).statusCode()).isEqualTo(302);
    }

    @Test
    void customParametersNamingAnotherCentresFrameworkBindNothing() throws Exception {
        String activity = "custom-" + UUID.randomUUID();
        String learner = resourceLinkSession(LEARNER, activity,
                Map.of("attest_framework", ofB.id().toString(), "attest_unit", "224"));

        HttpResponse<String> landing = get(learner + "/");

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(landing.body())).doesNotContain(ofB.title());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unit_binding WHERE resource_link_id = ?").param(activity)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM learner_unit WHERE framework_id = ?").param(ofB.id())
                .query(Long.class).single()).isZero();
    }

    private String bindings() {
        return jdbc.sql("SELECT platform_id, resource_link_id, framework_id, unit_code FROM unit_binding "
                + "ORDER BY platform_id, resource_link_id").query().listOfRows().toString();
    }

    /** Places the framework's Unit 224 and returns the payload of the signed deep-linking response. */
    private String placedItems(String session, Framework framework) throws Exception {
        HttpResponse<String> placed = post(session + "/deep-linking", Map.of("unit", framework.id() + ":224"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        Matcher m = JWT.matcher(placed.body());
        assertThat(m.find()).as("the page posts a signed response back").isTrue();
        return new String(Base64.getUrlDecoder().decode(m.group(1).split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private String deepLinkingSession() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.deepLinkingClaims(baseUrl(), auth.nonce()).claim(ROLES, List.of(INSTRUCTOR)).build());
        return sessionOf(moodle.launch(baseUrl(), idToken, auth.state()));
    }

    private String resourceLinkSession(String role, String activity, Map<String, String> custom) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce())
                .subject("user-" + UUID.randomUUID())
                .claim(ROLES, List.of(role))
                .claim(RESOURCE_LINK, Map.of("id", activity, "title", "Activity " + activity))
                .claim(CUSTOM, custom)
                .build());
        return sessionOf(moodle.launch(baseUrl(), idToken, auth.state()));
    }

    private static String sessionOf(HttpResponse<String> launch) {
        assertThat(launch.statusCode()).as(launch.body()).isEqualTo(302);
        String location = launch.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/s/[A-Za-z0-9_-]{64}/.*");
        return location.substring(0, "/s/".length() + 64);
    }
}
