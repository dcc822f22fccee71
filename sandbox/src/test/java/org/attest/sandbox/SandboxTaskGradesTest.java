package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An assessment task through the sandbox LMS over HTTP: a tutor places it by Deep Linking (its grade
 * column appears in the sandbox gradebook), grades a learner there, and the pull turns the grade
 * into MET decisions the learner sees as from the LMS gradebook.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxTaskGradesTest extends IntegrationTest {

    private static final Pattern SESSION = Pattern.compile("(/s/[A-Za-z0-9_-]{64})/");

    @Autowired
    SandboxLinks links;

    @Autowired
    LineItems lineItems;

    @Autowired
    SandboxGradebook gradebook;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tutorsGradeInTheSandboxGradebookBecomesMetDecisionsInAttest() throws Exception {
        String title = "Assignment " + System.nanoTime() + ": online account help";
        SandboxLinks.Link link = placeTask("alex", title, List.of("224.1.1", "224.1.2"), "100", "60");
        assertThat(link.custom()).containsOnlyKeys("attest_task");
        LineItems.LineItem column = lineItems.forLink(SandboxCourse.CUSTOMER_SERVICE.id(), link.id()).orElseThrow();
        assertThat(column.label()).isEqualTo(title);
        assertThat(column.scoreMaximum()).isEqualTo(100.0);
        assertThat(column.resourceId()).isEqualTo("224/task/" + link.custom().get("attest_task"));
        assertThat(column.tag()).isEqualTo("attest-task");

        gradebook.enter(SandboxCourse.CUSTOMER_SERVICE, column.id(), "sam", "75");
        Launch alex = launch("alex", link.id());
        assertThat(alex.landing()).as("a tutor's launch of the task").contains("/tasks/" + link.custom().get("attest_task"));
        HttpResponse<String> pulled = TestPlatform.post(baseUrl() + alex.landing() + "/pull", Map.of());
        String taskPage = TestPlatform.getPage(baseUrl() + pulled.headers().firstValue("Location").orElseThrow()).body();

        assertThat(taskPage).contains(title, "pass mark", "60/100", "Sam Student", "75/100", "met 224.1.1, 224.1.2");
        Launch sam = launch("sam", link.id());
        assertThat(sam.landing()).contains("/portfolio/").contains("?task=");
        String portfolio = TestPlatform.getPage(baseUrl() + sam.landing()).body();
        assertThat(portfolio).contains("This activity is the assessment task", title, "<span>60/100</span> or more meets", "LMS gradebook",
                "Passed in the LMS gradebook: " + title + " (75/100)");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unit_binding WHERE resource_link_id = ?").param(link.id()).query(Integer.class).single())
                .as("a task's activity is no unit activity: unit progress never goes to its column").isZero();
    }

    @Test
    void theTaskPagesFirstViewShowsTheGradesWithoutAReload() throws Exception {
        String title = "Assignment " + System.nanoTime() + ": first view";
        SandboxLinks.Link link = placeTask("alex", title, List.of("224.1.1"), "100", "60");
        LineItems.LineItem column = lineItems.forLink(SandboxCourse.CUSTOMER_SERVICE.id(), link.id()).orElseThrow();
        gradebook.enter(SandboxCourse.CUSTOMER_SERVICE, column.id(), "sam", "75");

        Launch alex = launch("alex", link.id());

        assertThat(alex.landing()).contains("/tasks/" + link.custom().get("attest_task"));
        assertThat(alex.page()).as("the first view read the grades itself").contains("Sam Student", "75/100", "Last read")
                .doesNotContain("Not read yet");
    }

    @Test
    void theTaskFormNamesWhatIsWrongAndPlacesNothing() throws Exception {
        String picker = launch("alex", "deep-link").page();
        String base = session(picker);
        String unit = unit224(TestPlatform.getPage(baseUrl() + base + "/deep-linking/task").body());
        int before = links.all().size();

        HttpResponse<String> refused = TestPlatform.post(baseUrl() + base + "/deep-linking/task",
                Map.of("unit", unit, "title", "", "scoreMaximum", "100", "passMark", "120"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("give the task a title", "tick the criteria a pass on this task meets",
                "the pass mark 120 is above the maximum score 100");
        assertThat(links.all()).hasSize(before);
    }

    @Test
    void learnersCannotPlaceTasksOrOpenTheTaskPage() throws Exception {
        SandboxLinks.Link link = placeTask("alex", "Quiz " + System.nanoTime(), List.of("224.2.1"), "10", "");
        Launch sam = launch("sam", link.id());
        String base = session(sam.landing());

        assertThat(TestPlatform.getPage(baseUrl() + base + "/tasks/" + link.custom().get("attest_task")).statusCode()).isEqualTo(403);
        assertThat(TestPlatform.getPage(baseUrl() + base + "/deep-linking/task").statusCode()).isEqualTo(403);
        assertThat(TestPlatform.getPage(baseUrl() + sam.landing()).body()).contains("<span>5/10</span> or more meets", "224.2.1");
    }

    /** Places an assessment task as the tutor through the sandbox's deep linking, and returns the new activity. */
    private SandboxLinks.Link placeTask(String tutor, String title, List<String> criteria, String maximum, String passMark)
            throws Exception {
        String base = session(launch(tutor, "deep-link").page());
        String unit = unit224(TestPlatform.getPage(baseUrl() + base + "/deep-linking/task").body());
        String form = TestPlatform.getPage(baseUrl() + base + "/deep-linking/task?unit=" + unit).body();
        assertThat(form).contains("Criteria a pass on this task meets", "224.1.1");
        StringBuilder body = new StringBuilder("unit=" + enc(unit) + "&title=" + enc(title) + "&scoreMaximum=" + enc(maximum)
                + "&passMark=" + enc(passMark));
        criteria.forEach(c -> body.append("&criterion=").append(enc(c)));
        HttpResponse<String> signed = TestPlatform.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + base + "/deep-linking/task"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        AutoPostForm response = AutoPostForm.in(signed.body());
        HttpResponse<String> placed = TestPlatform.post(response.action(), response.fields());
        assertThat(placed.statusCode()).isEqualTo(200);
        return links.all().stream().filter(l -> l.title().equals(title)).findFirst().orElseThrow();
    }

    /** Where a launch landed, following the tool's redirects, and the page there. */
    private record Launch(String landing, String page) {
    }

    private Launch launch(String user, String link) throws Exception {
        AutoPostForm login = AutoPostForm.in(TestPlatform.getPage(sandbox() + "/launch?storage=off&user=" + user + "&link=" + link).body());
        String authUrl = TestPlatform.post(login.action(), login.fields()).headers().firstValue("Location").orElseThrow();
        AutoPostForm idToken = AutoPostForm.in(TestPlatform.getPage(authUrl).body());
        String location = TestPlatform.post(idToken.action(), idToken.fields()).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + location);
        while (page.statusCode() == 302) {
            location = page.headers().firstValue("Location").orElseThrow();
            page = TestPlatform.getPage(baseUrl() + location);
        }
        return new Launch(location, page.body());
    }

    private static String session(String pageOrPath) {
        Matcher m = SESSION.matcher(pageOrPath);
        assertThat(m.find()).as(pageOrPath).isTrue();
        return m.group(1);
    }

    private static String unit224(String unitList) {
        Matcher m = Pattern.compile("name=\"unit\"[^>]*value=\"([^\"]+:224)\"").matcher(unitList);
        assertThat(m.find()).as(unitList).isTrue();
        return m.group(1);
    }

    private String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
