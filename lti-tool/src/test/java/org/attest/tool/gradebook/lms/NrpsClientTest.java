package org.attest.tool.gradebook.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.SigningKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class NrpsClientTest extends IntegrationTest {

    private static final String MEMBERSHIPS = "/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership";

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    private final ServicePlatform lms = new ServicePlatform();
    private NrpsClient nrps;

    @BeforeEach
    void wire() {
        nrps = lms.clients(toolKeys).nrps();
        lms.issuesTokens("tok-1");
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    private void page(String url, String body, String... links) {
        var response = aResponse().withHeader("Content-Type", NrpsClient.MEMBERSHIP_CONTAINER).withBody(body);
        for (String link : links) {
            response = response.withHeader("Link", link);
        }
        lms.server.stubFor(get(urlEqualTo(url)).willReturn(response));
    }

    @Test
    void readsTheRosterOverThreePagesWithShortAndFullRoles() throws Exception {
        page(MEMBERSHIPS, lms.moodle("GET memberships", 0),
                "<" + lms.url(MEMBERSHIPS + "?page=2") + ">; rel=\"next\", <" + lms.url(MEMBERSHIPS + "?since=99") + ">; rel=\"differences\"");
        page(MEMBERSHIPS + "?page=2", """
                {"id": "m", "context": {"id": "2"}, "members": [
                  {"user_id": "6", "name": "Lee Learner", "roles": ["%1$s#Learner"]},
                  {"user_id": "7", "name": "Tara Assistant", "status": "Active", "roles": ["%1$s/Instructor#TeachingAssistant"]}]}
                """.formatted(LIS), "<memberships?page=3>; rel=next"); // relative and unquoted, as some platforms send
        page(MEMBERSHIPS + "?page=3", """
                {"id": "m", "context": {"id": "2"}, "members": [
                  {"user_id": "8", "name": "Ina Active", "status": "Inactive", "roles": ["Learner", "Mentor"]}]}
                """);

        Roster roster = nrps.members(lms.platform, lms.url(MEMBERSHIPS));

        assertEquals("2", roster.contextId());
        assertEquals(List.of("5", "4", "3", "6", "7", "8"), roster.members().stream().map(Roster.Member::userId).toList());
        Roster.Member sara = roster.members().get(0);
        assertEquals("Sara Scholar", sara.name());
        assertEquals("student2@example.com", sara.email());
        assertEquals(List.of(LIS + "#Learner"), sara.roles());
        assertEquals(List.of("5", "4", "6", "8"), roster.members().stream().filter(Roster.Member::isLearner).map(Roster.Member::userId).toList());
        assertEquals(List.of("3", "7"), roster.members().stream().filter(Roster.Member::isInstructor).map(Roster.Member::userId).toList());
        assertEquals(List.of(LIS + "#Learner", LIS + "#Mentor"), roster.members().get(5).roles());
        assertEquals(Roster.Status.Inactive, roster.members().get(5).status());
        assertEquals(lms.url(MEMBERSHIPS + "?since=99"), roster.differencesUrl());
        lms.server.verify(getRequestedFor(urlEqualTo(MEMBERSHIPS))
                .withHeader("Accept", equalTo("application/vnd.ims.lti-nrps.v2.membershipcontainer+json"))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        assertEquals(1, lms.tokenRequests());
    }

    @Test
    void differencesListMembersWhoLeft() throws Exception {
        page(MEMBERSHIPS + "?since=99", """
                {"id": "m", "context": {"id": "2"}, "members": [
                  {"user_id": "4", "status": "Deleted", "roles": ["Learner"]}]}
                """);

        Roster changes = nrps.differences(lms.platform, lms.url(MEMBERSHIPS + "?since=99"));

        assertEquals(Roster.Status.Deleted, changes.members().get(0).status());
        assertNull(changes.differencesUrl());
    }

    @Test
    void aNextLinkBackToAReadPageIsReportedNotFollowedForever() throws Exception {
        page(MEMBERSHIPS, lms.moodle("GET memberships", 0), "<" + lms.url(MEMBERSHIPS) + ">; rel=\"next\"");

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class, () -> nrps.members(lms.platform, lms.url(MEMBERSHIPS)));

        assertTrue(failed.getMessage().contains("paging is broken"), failed.getMessage());
    }
}
