package org.attest.tool.gradebook.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.attest.tool.IntegrationTest;
import org.attest.tool.gradebook.scores.DeliveryFixture;
import org.attest.tool.gradebook.scores.QueuedScore;
import org.attest.tool.gradebook.scores.ScoreOutbox;
import org.attest.tool.lti.AttestRole;
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.SigningKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * AGS and NRPS URLs must be on an origin the platform registered (issue 9, SSRF): a URL from a
 * launch claim or a paging link that points elsewhere is not called, the outbox and the admin page
 * say why and what to add, and an origin the admin added is called.
 */
class ServiceOriginsTest extends IntegrationTest {

    @Autowired PlatformRegistry registry;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired ScoreOutbox outbox;
    @Autowired LinkServices links;
    @Autowired @Qualifier("tool") SigningKeys toolKeys;

    private final WireMockServer elsewhere = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private DeliveryFixture lms;

    @BeforeEach
    void platforms() {
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        lms = new DeliveryFixture(registry, jdbc, transactions, outbox);
        lms.lms.issuesTokens("token-1");
    }

    @AfterEach
    void stop() {
        lms.close();
        elsewhere.stop();
    }

    private String elsewhereOrigin() {
        return "http://127.0.0.1:" + elsewhere.port();
    }

    /** An activity whose stored line item is on another origin than the platform's (as stored before this check existed). */
    private String activityWithLineItemElsewhere() {
        String link = "elsewhere-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("""
                INSERT INTO lti_link_service (platform_id, resource_link_id, deployment_id, context_id, line_items_url,
                    line_item_url, ags_scopes, memberships_url, updated_at) VALUES (?, ?, '1', 'course-2', ?, ?, ?, NULL, ?)""")
                .params(lms.platform.id(), link, elsewhereOrigin() + "/api/lti/courses/2/line_items",
                        elsewhereOrigin() + "/api/lti/courses/2/line_items/9", AgsClient.SCOPE_LINE_ITEM + " " + AgsClient.SCOPE_SCORE,
                        Timestamp.from(Instant.now()))
                .update();
        return link;
    }

    @Test
    void aScoreForALineItemOnAnotherOriginIsNotSentAndTheOutboxSaysWhatToAdd() {
        String link = activityWithLineItemElsewhere();

        lms.queue(link, "learner-1", 40);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("FAILED") == 1);
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
        QueuedScore row = lms.rows(link).get(0);
        assertThat(row.lastError()).contains("refused by Attest").contains(elsewhereOrigin())
                .contains("not an origin").contains("Service origins").contains("nothing was sent");
        assertThat(jdbc.sql("SELECT origin FROM platform_refused_origin WHERE platform_id = ?").param(lms.platform.id())
                .query(String.class).list()).containsExactly(elsewhereOrigin());
    }

    @Test
    void anOriginTheAdministratorAddedIsCalled() {
        jdbc.sql("INSERT INTO platform_service_origin (platform_id, origin, added_at, added_by) VALUES (?, ?, ?, 'Operator')")
                .params(lms.platform.id(), elsewhereOrigin(), Timestamp.from(Instant.now())).update();
        String link = activityWithLineItemElsewhere();

        lms.queue(link, "learner-2", 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(elsewhere.getAllServeEvents()).hasSize(1);
        assertThat(elsewhere.getAllServeEvents().get(0).getRequest().getUrl()).isEqualTo("/api/lti/courses/2/line_items/9/scores");
    }

    @Test
    void aLaunchNamingServicesOnAnotherOriginStoresNoneOfThemAndTheLaunchGoesOn() {
        String resourceLink = "launched-" + UUID.randomUUID().toString().substring(0, 6);
        LtiPrincipal launch = new LtiPrincipal(lms.platform.id(), lms.platform.issuer(), lms.platform.clientId(), "1",
                LtiPrincipal.RESOURCE_LINK_REQUEST, "3", "Tina Teacher", null, List.of(), Set.of(AttestRole.ASSESSOR), "course-2",
                "LAB", "Lab course", resourceLink, "Assignment 1", Map.of(),
                new LtiPrincipal.AgsEndpoint(List.of(AgsClient.SCOPE_LINE_ITEM, AgsClient.SCOPE_SCORE),
                        elsewhereOrigin() + "/api/lti/courses/2/line_items", elsewhereOrigin() + "/api/lti/courses/2/line_items/9"),
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/", null, null, "en", Instant.now());

        links.remember(launch);

        assertThat(links.find(lms.platform.id(), resourceLink)).isEmpty();
        assertThat(jdbc.sql("SELECT origin FROM platform_refused_origin WHERE platform_id = ? ORDER BY origin")
                .param(lms.platform.id()).query(String.class).list())
                .containsExactlyInAnyOrder("http://169.254.169.254", elsewhereOrigin());
    }

    @Test
    void aRosterPageLinkingToAnotherOriginIsNotFollowed() {
        String memberships = "/moodle/mod/lti/services.php/CourseSection/2/bindings/1/memberships";
        lms.lms.server.stubFor(get(urlEqualTo(memberships)).willReturn(aResponse()
                .withHeader("Content-Type", NrpsClient.MEMBERSHIP_CONTAINER)
                .withHeader("Link", "<" + elsewhereOrigin() + "/memberships?page=2>; rel=\"next\"")
                .withBody("{\"id\": \"m\", \"context\": {\"id\": \"2\"}, \"members\": [{\"user_id\": \"5\", \"roles\": [\"Learner\"]}]}")));
        NrpsClient nrps = lms.lms.clients(toolKeys).nrps();

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> nrps.members(lms.platform, lms.lms.url(memberships)));

        assertThat(failed.retryable()).isFalse();
        assertThat(failed.getMessage()).contains(elsewhereOrigin() + "/memberships?page=2").contains("Service origins");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }
}
