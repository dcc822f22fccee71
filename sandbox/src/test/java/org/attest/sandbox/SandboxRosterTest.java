package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.rosters.CourseMember;
import org.attest.tool.gradebook.rosters.CourseRosters;
import org.attest.tool.gradebook.rosters.RosterSync;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.portfolio.Course;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox's course roster reaches Attest: an instructor's launch reads it through NRPS in the
 * background, and the caseload lists the sandbox learners who never launch.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxRosterTest extends IntegrationTest {

    @Autowired
    SandboxLinks links;

    @Autowired
    CourseRosters rosters;

    @Autowired
    SelfRegistration selfRegistration;

    @Autowired
    PlatformRegistry platforms;

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    @Test
    void anInstructorsLaunchBringsTheRosterAndTheCaseloadShowsLearnersWhoNeverLaunched() throws Exception {
        // the current registration: a browser test may have registered Attest again, as another platform
        ToolRegistrations.ToolRegistration registered = selfRegistration.current().orElseThrow();
        Course course = new Course(platforms.find(sandbox(), registered.clientId()).orElseThrow().id(), registered.deploymentId(),
                SandboxCourse.CUSTOMER_SERVICE.id());

        String base = launch("alex");
        await().atMost(Duration.ofSeconds(20)).until(() -> rosters.sync(course).map(RosterSync::refreshedAt).isPresent());
        String caseload = TestPlatform.getPage(baseUrl() + base + "caseload?unit=224").body();

        assertThat(rosters.learners(course)).extracting(CourseMember::displayName).contains("Priya Patel", "Jordan Lee", "Sam Student");
        assertThat(rosters.members(course)).filteredOn(CourseMember::instructor).extracting(CourseMember::subject)
                .contains("alex", "tom", "ivy", "ada");
        assertThat(caseload).contains("Priya Patel", "priya.patel@example.com", "Jordan Lee", "has not opened this unit yet",
                "Roster from the LMS, refreshed", "7 members");
    }

    @Test
    void refreshRosterReadsTheSandboxRosterOnDemand() throws Exception {
        String base = launch("tom");

        HttpResponse<String> refreshed = TestPlatform.post(baseUrl() + base + "caseload/roster", Map.of());
        String page = TestPlatform.getPage(baseUrl() + refreshed.headers().firstValue("Location").orElseThrow()).body();

        assertThat(refreshed.statusCode()).isEqualTo(302);
        assertThat(page).contains("Roster refreshed from the LMS.", "Jordan Lee").doesNotContain("id=\"roster-error\"");
    }

    /** Launches an instructor into the Unit 224 activity, without storage, and lands; returns the session's base path. */
    private String launch(String user) throws Exception {
        String link = links.all().stream().filter(l -> "224".equals(l.custom().get("attest_unit"))).findFirst().orElseThrow().id();
        AutoPostForm login = AutoPostForm.in(TestPlatform.getPage(sandbox() + "/launch?storage=off&user=" + user + "&link=" + link).body());
        String authUrl = TestPlatform.post(login.action(), login.fields()).headers().firstValue("Location").orElseThrow();
        AutoPostForm idToken = AutoPostForm.in(TestPlatform.getPage(authUrl).body());
        String location = TestPlatform.post(idToken.action(), idToken.fields()).headers().firstValue("Location").orElseThrow();
        assertThat(location).as("the launch binds the activity to Unit 224 and goes straight to its caseload")
                .matches("/s/[A-Za-z0-9_-]{64}/caseload\\?unit=224");
        return location.substring(0, location.indexOf("/caseload") + 1);
    }
}
