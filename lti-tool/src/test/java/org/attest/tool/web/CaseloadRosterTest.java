package org.attest.tool.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.gradebook.lms.Roster;
import org.attest.tool.gradebook.rosters.CourseRosters;
import org.attest.tool.gradebook.rosters.RosterSync;
import org.attest.tool.portfolio.Course;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caseload with the course roster from the LMS: an instructor's launch reads it in the
 * background, learners who never launched appear as not started, learners who left are marked, and
 * "Refresh roster" shows the platform's error without losing the roster.
 */
class CaseloadRosterTest extends PortfolioTestSupport {

    // Where the captured Moodle launch's NRPS claim points, moved onto the test platform.
    static final String MEMBERSHIPS = "/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("learner-lee", "Lee Leaver", LEARNER);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Pattern ROW = Pattern.compile("<tr[^>]*data-learner=\"([^\"]*)\"[^>]*>(.*?)</tr>", Pattern.DOTALL);

    @Autowired
    CourseRosters rosters;

    @BeforeEach
    void platformServesTokens() {
        platform.server.stubFor(WireMock.post(urlPathEqualTo("/moodle/mod/lti/token.php")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"nrps-token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
    }

    private void roster(String members) {
        platform.server.stubFor(WireMock.get(urlPathEqualTo(MEMBERSHIPS)).willReturn(aResponse()
                .withHeader("Content-Type", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
                .withBody("{\"id\": \"m\", \"context\": {\"id\": \"2\"}, \"members\": [" + members + "]}")));
    }

    private static String member(String userId, String name, String email, String status, String role) {
        return "{\"user_id\": \"" + userId + "\", \"name\": \"" + name + "\", \"email\": \"" + email + "\", \"status\": \"" + status
                + "\", \"roles\": [\"" + role + "\"]}";
    }

    private static final String WHOLE_COURSE = String.join(",",
            member("learner-sam", "Sam Student", "sam@example.com", "Active", "Learner"),
            member("learner-lee", "Lee Leaver", "lee@example.com", "Inactive", "Learner"),
            member("priya", "Priya Patel", "priya@example.com", "Active", "Learner"),
            member("jordan", "Jordan Lee", "jordan@example.com", "Active", "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"),
            member("assessor-alex", "Alex Assessor", "alex@example.com", "Active", "Instructor"));

    /** Launches the instructor and waits for the roster read their launch starts in the background. */
    private Launched instructorLaunch(String course) throws Exception {
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        Course inAttest = new Course(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), platform.deploymentId, course);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rosters.sync(inAttest).map(RosterSync::refreshedAt).isPresent());
        return alex;
    }

    private static Map<String, String> rows(String page) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    @Test
    void anInstructorsLaunchReadsTheRosterAndTheCaseloadListsLearnersWhoNeverLaunched() throws Exception {
        String course = "roster-" + UUID.randomUUID();
        roster(WHOLE_COURSE);
        launch(platform, SAM, course, "activity-" + course);
        launch(platform, LEE, course, "activity-" + course);

        Launched alex = instructorLaunch(course);
        String page = get(alex.base() + "/caseload?unit=224").body();

        assertThat(page).contains("Roster from the LMS, refreshed", "5 members");
        Map<String, String> rows = rows(page);
        assertThat(rows.keySet()).as("who opened the unit first, then who has not, by name")
                .containsExactly("Lee Leaver", "Sam Student", "Jordan Lee", "Priya Patel");
        assertThat(rows.get("Priya Patel")).contains("priya@example.com", "Not started", "has not opened this unit yet")
                .doesNotContain("/portfolio/");
        assertThat(rows.get("Jordan Lee")).contains("Not started");
        assertThat(rows.get("Lee Leaver")).contains("Left the course", "/portfolio/");
        assertThat(rows.get("Sam Student")).contains("sam@example.com", "In progress").doesNotContain("Left the course", "Not started");
    }

    @Test
    void aSlowRosterStillAppearsOnTheCaseloadsFirstView() throws Exception {
        String course = "slow-" + UUID.randomUUID();
        platform.server.stubFor(WireMock.get(urlPathEqualTo(MEMBERSHIPS)).willReturn(aResponse().withFixedDelay(1000)
                .withHeader("Content-Type", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
                .withBody("{\"id\": \"m\", \"context\": {\"id\": \"2\"}, \"members\": [" + WHOLE_COURSE + "]}")));

        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        String page = get(alex.base() + "/caseload?unit=224").body();

        assertThat(page).as("no reload needed").contains("Roster from the LMS, refreshed", "5 members").doesNotContain("id=\"roster-none\"");
        assertThat(rows(page)).containsKeys("Priya Patel", "Jordan Lee");
    }

    @Test
    void aFailingRosterShowsTheLmssErrorOnTheCaseloadsFirstView() throws Exception {
        String course = "failing-" + UUID.randomUUID();
        platform.server.stubFor(WireMock.get(urlPathEqualTo(MEMBERSHIPS)).willReturn(aResponse().withFixedDelay(500).withStatus(500)
                .withBody("LMS under maintenance")));

        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        String page = get(alex.base() + "/caseload?unit=224").body();

        assertThat(page).contains("id=\"roster-error\"", "The roster could not be read from the LMS", "HTTP 500", "LMS under maintenance",
                "The caseload shows only learners who have opened Attest.");
    }

    @Test
    void refreshingTheRosterShowsThePlatformsErrorAndKeepsTheRosterItHad() throws Exception {
        String course = "refresh-" + UUID.randomUUID();
        roster(WHOLE_COURSE);
        Launched alex = instructorLaunch(course);
        platform.server.stubFor(WireMock.get(urlPathEqualTo(MEMBERSHIPS)).willReturn(aResponse().withStatus(500).withBody("LMS under maintenance")));

        String failed = location(post(alex.base() + "/caseload/roster", form("unit", "224")));
        String failedPage = get(failed).body();

        assertThat(failed).endsWith("/caseload?roster=failed&unit=224");
        assertThat(failedPage).contains("id=\"roster-error\"", "The roster could not be read from the LMS", "HTTP 500",
                "LMS under maintenance", "The caseload shows the roster read before.");
        assertThat(rows(failedPage)).containsKeys("Priya Patel", "Jordan Lee");

        roster(member("jordan", "Jordan Lee", "jordan@example.com", "Active", "Learner"));
        String refreshed = location(post(alex.base() + "/caseload/roster", form("unit", "224")));
        String refreshedPage = get(refreshed).body();

        assertThat(refreshed).endsWith("/caseload?roster=refreshed&unit=224");
        assertThat(refreshedPage).contains("Roster refreshed from the LMS.", "1 member").doesNotContain("id=\"roster-error\"");
        assertThat(rows(refreshedPage).keySet()).as("Priya left before opening Attest: nothing to show").containsExactly("Jordan Lee");
    }
}
