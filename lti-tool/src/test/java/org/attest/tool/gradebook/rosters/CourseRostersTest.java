package org.attest.tool.gradebook.rosters;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.lms.NrpsClient;
import org.attest.tool.gradebook.lms.Roster;
import org.attest.tool.gradebook.lms.ServicePlatform;
import org.attest.tool.portfolio.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Course rosters read from Moodle- and Canvas-shaped NRPS services (WireMock) and kept in the
 * database: full reads, differences, members who left, and failures that must not lose the roster.
 */
class CourseRostersTest extends IntegrationTest {

    private static final String MOODLE = "/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    private static final String CANVAS = "/api/lti/courses/101/names_and_roles";
    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership";

    @Autowired
    CourseRosters rosters;

    @Autowired
    StoredRosters stored;

    private final ServicePlatform lms = new ServicePlatform();
    private Course course;

    @BeforeEach
    void setUp() {
        lms.issuesTokens("tok-1");
        course = new Course(lms.platform.id(), "1", "course-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    private void page(String path, String body, String... links) {
        var response = aResponse().withHeader("Content-Type", NrpsClient.MEMBERSHIP_CONTAINER).withBody(body);
        for (String link : links) {
            response = response.withHeader("Link", link);
        }
        lms.server.stubFor(get(urlEqualTo(path)).willReturn(response));
    }

    private RosterSync read(String path, CourseRosters.Read how) {
        return rosters.read(course, lms.platform, lms.url(path), how);
    }

    private CourseMember member(String subject) {
        return rosters.members(course).stream().filter(m -> m.subject().equals(subject)).findFirst().orElseThrow();
    }

    private static List<String> names(List<CourseMember> members) {
        return members.stream().map(CourseMember::displayName).toList();
    }

    @Test
    void storesAMoodleRosterWithShortRolesAsLearnersAndInstructors() throws Exception {
        page(MOODLE, lms.moodle("GET memberships", 0));

        RosterSync sync = read(MOODLE, CourseRosters.Read.FULL);

        assertThat(sync.failed()).isFalse();
        assertThat(sync.refreshedAt()).isNotNull();
        assertThat(sync.memberCount()).isEqualTo(3);
        assertThat(sync.membershipsUrl()).isEqualTo(lms.url(MOODLE));
        assertThat(names(rosters.learners(course))).containsExactly("Sam Student", "Sara Scholar");
        CourseMember tina = member("3");
        assertThat(tina.instructor()).isTrue();
        assertThat(tina.learner()).isFalse();
        assertThat(tina.roles()).containsExactly(LIS + "#Instructor");
        assertThat(tina.email()).isEqualTo("teacher1@example.com");
        assertThat(tina.firstSeen()).isEqualTo(tina.lastSeen());
    }

    @Test
    void readsACanvasRosterAcrossLinkedPagesWithFullRoleUris() {
        String secondPage = lms.url(CANVAS + "?page=2&per_page=2");
        page(CANVAS, """
                {"id": "%1$s", "context": {"id": "4dde05e8ca1973bcca9bffc13e1548820eee93a3", "label": "CS-L2", "title": "Customer Service"},
                 "members": [
                  {"status": "Active", "name": "Priya Patel", "given_name": "Priya", "family_name": "Patel", "email": "priya@example.edu",
                   "user_id": "535fa085f22b4655f48cd5a36a9215f64c062838", "lti11_legacy_user_id": "a1b2", "roles": ["%2$s#Learner"]},
                  {"status": "Active", "name": "Taylor Assistant", "user_id": "7c1e0b4bd7f3d6f0", "roles": ["%2$s/Instructor#TeachingAssistant"]}]}
                """.formatted(lms.url(CANVAS), LIS),
                "<" + lms.url(CANVAS + "?page=1&per_page=2") + ">; rel=\"current\",<" + secondPage + ">; rel=\"next\",<"
                        + lms.url(CANVAS + "?page=1&per_page=2") + ">; rel=\"first\",<" + secondPage + ">; rel=\"last\"");
        page(CANVAS + "?page=2&per_page=2", """
                {"id": "%1$s", "context": {"id": "4dde05e8ca1973bcca9bffc13e1548820eee93a3"},
                 "members": [
                  {"status": "Active", "given_name": "Jordan", "family_name": "Lee", "user_id": "9e2f", "roles": ["%2$s#Learner"]},
                  {"status": "Active", "name": "Morgan Mentor", "user_id": "4410", "roles": ["%2$s#Mentor"]}]}
                """.formatted(lms.url(CANVAS), LIS));

        RosterSync sync = read(CANVAS, CourseRosters.Read.FULL);

        assertThat(sync.memberCount()).isEqualTo(4);
        assertThat(names(rosters.learners(course))).containsExactly("Jordan Lee", "Priya Patel");
        assertThat(member("7c1e0b4bd7f3d6f0").instructor()).as("a teaching assistant is an instructor sub-role").isTrue();
        assertThat(member("4410").learner()).isFalse();
        assertThat(member("535fa085f22b4655f48cd5a36a9215f64c062838").email()).isEqualTo("priya@example.edu");
        assertThat(sync.differencesUrl()).as("Canvas offers no differences link").isNull();
    }

    @Test
    void appliesTheChangesSinceTheLastReadThroughTheDifferencesLink() throws Exception {
        page(MOODLE, lms.moodle("GET memberships", 0), "<" + lms.url(MOODLE + "?since=100") + ">; rel=\"differences\"");
        read(MOODLE, CourseRosters.Read.FULL);
        page(MOODLE + "?since=100", """
                {"id": "m", "context": {"id": "2"}, "members": [
                  {"user_id": "5", "status": "Deleted"},
                  {"user_id": "4", "status": "Inactive", "roles": ["Learner"], "name": "Sam Student"},
                  {"user_id": "9", "status": "Active", "roles": ["%s#Learner"], "name": "Nia New", "email": "nia@example.com"}]}
                """.formatted(LIS), "<" + lms.url(MOODLE + "?since=200") + ">; rel=\"differences\"");

        RosterSync sync = read(MOODLE, CourseRosters.Read.CHANGES);

        lms.server.verify(1, getRequestedFor(urlEqualTo(MOODLE)));
        lms.server.verify(1, getRequestedFor(urlEqualTo(MOODLE + "?since=100")));
        assertThat(sync.differencesUrl()).isEqualTo(lms.url(MOODLE + "?since=200"));
        assertThat(sync.memberCount()).isEqualTo(3);
        CourseMember sara = member("5");
        assertThat(sara.status()).isEqualTo(Roster.Status.Deleted);
        assertThat(sara.name()).as("a leaver listed without a name keeps it").isEqualTo("Sara Scholar");
        assertThat(sara.learner()).as("and keeps their roles").isTrue();
        assertThat(member("4").status()).isEqualTo(Roster.Status.Inactive);
        assertThat(names(rosters.learners(course))).containsExactly("Nia New");
        assertThat(rosters.members(course)).hasSize(4);
    }

    @Test
    void aFailedDifferencesReadFallsBackToAFullReadThatMarksTheMissingAsLeft() throws Exception {
        page(MOODLE, lms.moodle("GET memberships", 0), "<" + lms.url(MOODLE + "?since=100") + ">; rel=\"differences\"");
        read(MOODLE, CourseRosters.Read.FULL);
        Instant saraLastSeen = member("5").lastSeen();
        lms.server.stubFor(get(urlEqualTo(MOODLE + "?since=100")).willReturn(aResponse().withStatus(404)));
        page(MOODLE, """
                {"id": "m", "context": {"id": "2"}, "members": [
                  {"user_id": "4", "status": "Active", "roles": ["Learner"], "name": "Sam Student"},
                  {"user_id": "3", "status": "Active", "roles": ["Instructor"], "name": "Tina Teacher"}]}
                """);

        RosterSync sync = read(MOODLE, CourseRosters.Read.CHANGES);

        lms.server.verify(2, getRequestedFor(urlEqualTo(MOODLE)));
        assertThat(sync.failed()).isFalse();
        assertThat(sync.differencesUrl()).as("the new full read offered none").isNull();
        assertThat(sync.memberCount()).isEqualTo(2);
        assertThat(member("5").status()).as("missing from a full read: left, not forgotten").isEqualTo(Roster.Status.Deleted);
        assertThat(member("5").lastSeen()).isEqualTo(saraLastSeen);
        assertThat(names(rosters.learners(course))).containsExactly("Sam Student");
    }

    @Test
    void aFailedReadKeepsTheRosterAndRecordsThePlatformsError() throws Exception {
        page(MOODLE, lms.moodle("GET memberships", 0));
        RosterSync good = read(MOODLE, CourseRosters.Read.FULL);
        List<CourseMember> before = rosters.members(course);
        lms.server.stubFor(get(urlEqualTo(MOODLE)).willReturn(aResponse().withStatus(500).withBody("database unavailable")));

        RosterSync failed = read(MOODLE, CourseRosters.Read.FULL);

        assertThat(failed.failed()).isTrue();
        assertThat(failed.lastError()).contains("reading the course roster", "HTTP 500", "database unavailable");
        assertThat(failed.refreshedAt()).isEqualTo(good.refreshedAt());
        assertThat(failed.memberCount()).isEqualTo(3);
        assertThat(rosters.members(course)).isEqualTo(before);

        page(MOODLE, lms.moodle("GET memberships", 0));
        assertThat(read(MOODLE, CourseRosters.Read.FULL).lastError()).as("a good read clears the error").isNull();
    }

    @Test
    void aLaunchStartsARefreshOnlyOncePerInterval() {
        Instant t0 = Instant.parse("2026-11-24T09:00:00Z");
        Duration interval = Duration.ofMinutes(10);

        boolean first = stored.claim(course, lms.url(MOODLE), t0, interval);
        boolean soon = stored.claim(course, lms.url(MOODLE), t0.plus(Duration.ofMinutes(9)), interval);
        boolean later = stored.claim(course, lms.url(MOODLE), t0.plus(interval), interval);

        assertThat(first).isTrue();
        assertThat(soon).isFalse();
        assertThat(later).isTrue();
    }

    @Test
    void refreshingACourseWhoseLaunchesOfferedNoRosterServiceSaysWhatToDo() {
        RosterSync sync = rosters.refresh(course);

        assertThat(sync.failed()).isTrue();
        assertThat(sync.lastError()).contains("Names and Role Provisioning", "LMS administrator");
        assertThat(rosters.members(course)).isEmpty();
    }
}
