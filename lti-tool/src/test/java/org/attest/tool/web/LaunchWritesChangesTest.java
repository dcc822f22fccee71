package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.gradebook.lms.LinkServices;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A launch writes only what changed (LaunchStatementBudgetTest counts that), and what changed is always written, even
 * right after a launch that stored the old value: a learner's or an assessor's new name, an activity's new endpoints.
 */
class LaunchWritesChangesTest extends PortfolioTestSupport {

    static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    @Autowired
    LinkServices links;

    @Test
    void aLearnersNewNameIsStoredAtTheirNextLaunch() throws Exception {
        String course = "renamed-" + UUID.randomUUID();
        Launched first = launch(platform, new Person("learner-lee", "Lee Learner", LEARNER), course, "activity-" + course);
        launch(platform, new Person("learner-lee", "Lee Learner", LEARNER), course, "activity-" + course);

        launch(platform, new Person("learner-lee", "Lee Learner-Smith", LEARNER), course, "activity-" + course);

        assertThat(jdbc.sql("SELECT learner_name FROM learner_unit WHERE id = ?").param(idAfter(first.landing(), "portfolio"))
                .query(String.class).single()).isEqualTo("Lee Learner-Smith");
    }

    @Test
    void anAssessorsNewNameIsStoredAtTheirNextLaunch() throws Exception {
        String course = "renamed-" + UUID.randomUUID();
        launch(platform, new Person("tutor-" + course, "Alex Assessor", INSTRUCTOR), course, "activity-" + course);
        launch(platform, new Person("tutor-" + course, "Alex Assessor", INSTRUCTOR), course, "activity-" + course);

        launch(platform, new Person("tutor-" + course, "Alex Assessor-Jones", INSTRUCTOR), course, "activity-" + course);

        assertThat(jdbc.sql("SELECT name FROM assessor_status WHERE subject = ?").param("tutor-" + course).query(String.class)
                .single()).isEqualTo("Alex Assessor-Jones");
    }

    @Test
    void anActivitysNewRosterEndpointIsStoredAtItsNextLaunch() throws Exception {
        String activity = "moved-" + UUID.randomUUID();
        String before = platformUrl("/mod/lti/services.php/CourseSection/2/bindings/1/memberships");
        String after = platformUrl("/mod/lti/services.php/CourseSection/2/bindings/7/memberships");
        launchWithRoster(activity, before);
        launchWithRoster(activity, before);
        UUID platformId = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        assertThat(links.find(platformId, activity).orElseThrow().membershipsUrl()).isEqualTo(before);

        launchWithRoster(activity, after);

        assertThat(links.find(platformId, activity).orElseThrow().membershipsUrl()).isEqualTo(after);
    }

    private String platformUrl(String path) {
        return "http://127.0.0.1:" + platform.server.port() + "/moodle" + path;
    }

    /** A learner's launch of the activity whose roster service is at {@code membershipsUrl}. */
    private void launchWithRoster(String activity, String membershipsUrl) throws Exception {
        TestPlatform.AuthRequest auth = platform.login(baseUrl());
        String idToken = platform.sign(platform.resourceLinkClaims(baseUrl(), auth.nonce())
                .subject("learner-roster").claim(ROLES, List.of(LEARNER))
                .claim(CONTEXT, Map.of("id", "course-roster", "label", "ROSTER", "title", "Course roster"))
                .claim(RESOURCE_LINK, Map.of("id", activity, "title", "Unit 224"))
                .claim(NRPS, Map.of("context_memberships_url", membershipsUrl, "service_versions", List.of("2.0")))
                .build());
        HttpResponse<String> launched = platform.launch(baseUrl(), idToken, auth.state());
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
    }
}
