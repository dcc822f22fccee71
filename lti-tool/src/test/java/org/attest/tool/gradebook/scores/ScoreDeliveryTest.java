package org.attest.tool.gradebook.scores;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.PlatformRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** Scores travel from the outbox to a WireMock platform through faults: errors, throttling, timeouts, refused tokens, restarts. */
@TestPropertySource(properties = "attest.platform-http.request-timeout=2s")
class ScoreDeliveryTest extends IntegrationTest {

    @Autowired PlatformRegistry registry;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired ScoreOutbox outbox;
    @Autowired ScoreDelivery delivery;
    @Autowired ScoreDeliveryProperties properties;

    DeliveryFixture lms;

    @BeforeEach
    void platform() {
        lms = new DeliveryFixture(registry, jdbc, transactions, outbox);
        lms.lms.issuesTokens("token-1");
    }

    @AfterEach
    void close() {
        if (!delivery.isRunning()) {
            delivery.start();
        }
        lms.close();
    }

    private void scoresAnswer(int status) {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).willReturn(aResponse().withStatus(status)));
    }

    @Test
    void deliversScoreToTheLineItemsScoresPathBeforeItsQueryWithScoreMediaType() {
        scoresAnswer(204);
        String link = lms.activity(5);

        lms.queue(link, "learner-1", 40);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        LoggedRequest sent = lms.scorePosts().get(0);
        assertThat(sent.getUrl()).isEqualTo("/moodle/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/vnd.ims.lis.v1.score+json");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer token-1");
        var body = DeliveryFixture.body(sent);
        assertThat(body.path("userId").asString()).isEqualTo("learner-1");
        assertThat(body.path("scoreGiven").asDouble()).isEqualTo(40.0);
        assertThat(body.path("scoreMaximum").asDouble()).isEqualTo(100.0);
        assertThat(body.path("activityProgress").asString()).isEqualTo("InProgress");
        assertThat(body.path("gradingProgress").asString()).isEqualTo("Pending");
        assertThat(body.path("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        QueuedScore row = lms.rows(link).get(0);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastStatus()).isEqualTo(200);
    }

    @Test
    void eachDeliveryIsRecordedWhenTheLmsTakesItNotWhenItsRoundEnds() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).withRequestBody(containing("\"learner-quick\""))
                .willReturn(aResponse().withStatus(204)));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).withRequestBody(containing("\"learner-slow\""))
                .willReturn(aResponse().withStatus(204).withFixedDelay(1500)));
        String link = lms.activity(9);

        // one transaction: both scores become visible together, so one round claims and sends both
        transactions.executeWithoutResult(tx -> {
            lms.queue(link, "learner-quick", 10);
            lms.queue(link, "learner-slow", 20);
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> lms.count("DELIVERED") == 2);
        Map<String, Instant> finished = lms.rows(link).stream()
                .collect(Collectors.toMap(r -> r.score().userId(), QueuedScore::finishedAt));
        // A replica that dies while the slow score is on the wire must not leave the quick one, which the LMS already
        // took, to be sent again: it is recorded as delivered the moment its answer came, not with the round.
        assertThat(Duration.between(finished.get("learner-quick"), finished.get("learner-slow")))
                .isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void retriesServerErrorsUntilThePlatformTakesTheScore() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500).withBody("database gone"))
                .willSetStateTo("still down"));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("flaky")
                .whenScenarioStateIs("still down").willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("flaky")
                .whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        String link = lms.activity(6);

        lms.queue(link, "learner-2", 10);

        await().atMost(Duration.ofSeconds(15)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.scorePosts()).hasSize(3);
        assertThat(lms.rows(link).get(0).attempts()).isEqualTo(3);
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("throttled")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")).willSetStateTo("open"));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("throttled")
                .whenScenarioStateIs("open").willReturn(aResponse().withStatus(200)));
        String link = lms.activity(7);

        lms.queue(link, "learner-3", 20);

        await().atMost(Duration.ofSeconds(15)).until(() -> lms.count("DELIVERED") == 1);
        List<LoggedRequest> posts = lms.scorePosts();
        assertThat(posts).hasSize(2);
        // retry-max is 2 s in tests, so only Retry-After explains a wait of 3 s
        assertThat(Duration.between(posts.get(0).getLoggedDate().toInstant(), posts.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }

    @Test
    void retriesTimeoutsAndDroppedConnections() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(200).withFixedDelay(3000))
                .willSetStateTo("dropping"));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("slow")
                .whenScenarioStateIs("dropping").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("fine"));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).inScenario("slow")
                .whenScenarioStateIs("fine").willReturn(aResponse().withStatus(200)));
        String link = lms.activity(8);

        lms.queue(link, "learner-4", 30);

        await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.scorePosts()).hasSize(3);
    }

    @Test
    void permanentRefusalIsMarkedFailedWithThePlatformsWordsAndCanBeSentAgain() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES))
                .willReturn(aResponse().withStatus(403).withBody("{\"error\":\"Tool not allowed to post grades\"}")));
        String link = lms.activity(9);

        lms.queue(link, "learner-5", 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("FAILED") == 1);
        QueuedScore failed = lms.rows(link).get(0);
        assertThat(failed.lastStatus()).isEqualTo(403);
        assertThat(failed.lastError()).contains("HTTP 403").contains("Tool not allowed to post grades")
                .contains("check the tool's settings in the LMS");
        assertThat(lms.scorePosts()).hasSize(1); // no retry of a refusal
        assertThat(outbox.status(lms.platform.id()).failed()).isEqualTo(1);

        scoresAnswer(200);
        assertThat(outbox.retry(failed.id())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.count("FAILED")).isZero();
    }

    @Test
    void aRefusedTokenMidBatchIsReplacedOnceAndEveryScoreArrives() {
        lms.lms.server.resetAll();
        lms.lms.issuesTokens("token-old", "token-new");
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).atPriority(5)
                .willReturn(aResponse().withStatus(401).withBody("token expired")));
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer token-new")).willReturn(aResponse().withStatus(200)));
        String link = lms.activity(10);
        delivery.stop(); // queue the whole batch first, so the 401s arrive mid-batch
        for (int i = 0; i < 40; i++) {
            lms.queue(link, "learner-t" + i, i);
        }

        delivery.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("DELIVERED") == 40);
        assertThat(lms.lms.tokenRequests()).isEqualTo(2);
    }

    @Test
    void onlyTheNewestScoreOfALearnerIsSentWhenSeveralWait() {
        scoresAnswer(200);
        String link = lms.activity(11);
        delivery.stop();

        lms.queue(link, "learner-6", 10);
        lms.queue(link, "learner-6", 20);
        lms.queue(link, "learner-6", 15); // a withdrawn decision: lower, and newest
        boolean queuedAgain = lms.queue(link, "learner-6", 15);
        delivery.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(queuedAgain).as("the same score again is not queued").isFalse();
        assertThat(lms.rows(link)).extracting(QueuedScore::state)
                .containsExactly(QueuedScore.State.SUPERSEDED, QueuedScore.State.SUPERSEDED, QueuedScore.State.DELIVERED);
        assertThat(lms.scorePosts()).hasSize(1);
        assertThat(DeliveryFixture.body(lms.scorePosts().get(0)).path("scoreGiven").asDouble()).isEqualTo(15.0);
    }

    @Test
    void stoppingMidBatchFinishesWhatIsInFlightAndTheRestIsSentAfterRestartOnce() {
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES))
                .willReturn(aResponse().withStatus(200).withFixedDelay(100)));
        String link = lms.activity(12);
        delivery.stop();
        for (int i = 0; i < 600; i++) {
            lms.queue(link, "learner-r" + i, i % 100);
        }
        delivery.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("DELIVERED") >= 50);

        delivery.stop();
        long deliveredAtStop = lms.count("DELIVERED");
        long unclaimedPending = jdbc.sql("SELECT COUNT(*) FROM score_outbox WHERE platform_id = ? AND state = 'PENDING' AND claimed_by IS NULL")
                .param(lms.platform.id()).query(Long.class).single();
        assertThat(deliveredAtStop).isLessThan(600);
        assertThat(unclaimedPending).as("a stopped replica holds no claims").isEqualTo(600 - deliveredAtStop);
        // Every POST is an attempt; an attempt without a POST is one whose token request failed (a busy machine).
        assertThat(lms.scorePosts().size()).as("POSTs sent").isLessThanOrEqualTo(attempts(link));

        delivery.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> lms.count("DELIVERED") == 600);
        Map<String, Long> perLearner = lms.scorePosts().stream()
                .collect(Collectors.groupingBy(r -> DeliveryFixture.body(r).path("userId").asString(), Collectors.counting()));
        assertThat(perLearner).hasSize(600);
        // A score is sent again only after an attempt whose answer never came (a timeout on a busy machine).
        for (QueuedScore row : lms.rows(link)) {
            assertThat(perLearner.get(row.score().userId())).as(row.score().userId()).isBetween(1L, (long) row.attempts());
        }
    }

    private int attempts(String link) {
        return jdbc.sql("SELECT COALESCE(SUM(attempts), 0) FROM score_outbox WHERE resource_link_id = ?").param(link)
                .query(Integer.class).single();
    }

    @Test
    void aClaimLeftByADeadReplicaIsTakenOverWhenItExpires() {
        scoresAnswer(200);
        String link = lms.activity(13);
        delivery.stop();
        lms.queue(link, "learner-7", 70);
        jdbc.sql("UPDATE score_outbox SET claimed_by = 'replica-gone', claimed_until = ? WHERE resource_link_id = ?")
                .params(Timestamp.from(Instant.now().plusSeconds(2)), link).update();

        delivery.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.scorePosts()).hasSize(1);
    }

    @Test
    void anActivityWithoutGradeServiceFailsWithWhatToDo() {
        String link = "link-without-services";
        lms.queue(link, "learner-8", 5);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("FAILED") == 1);
        assertThat(lms.rows(link).get(0).lastError()).contains("offered Assignment and Grade Services")
                .contains("allow the tool to send grades");
        assertThat(lms.scorePosts()).isEmpty();
    }

    @Test
    void createsTheColumnOnceForAnActivityAddedByHandThenSendsItsScores() {
        String lineItems = "/moodle/mod/lti/services.php/2/lineitems";
        lms.lms.server.stubFor(get(urlPathEqualTo(lineItems)).willReturn(aResponse()
                .withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitemcontainer+json").withBody("[]")));
        lms.lms.server.stubFor(post(urlPathEqualTo(lineItems)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
                .withBody("{\"id\":\"" + lms.lms.url("/moodle/mod/lti/services.php/2/lineitems/77/lineitem?type_id=1")
                        + "\",\"label\":\"Unit 224\",\"scoreMaximum\":100,\"tag\":\"unit\"}")));
        scoresAnswer(200);
        String link = lms.activityWithoutColumn(lineItems + "?type_id=1");
        delivery.stop();
        for (int i = 0; i < 20; i++) {
            lms.queue(link, "learner-h" + i, i);
        }

        delivery.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 20);
        assertThat(lms.lms.server.findAll(postRequestedFor(urlPathEqualTo(lineItems)))).as("one column created").hasSize(1);
        var created = DeliveryFixture.body(lms.lms.server.findAll(postRequestedFor(urlPathEqualTo(lineItems))).get(0));
        assertThat(created.path("resourceLinkId").asString()).isEqualTo(link);
        assertThat(created.path("tag").asString()).isEqualTo("unit");
        assertThat(created.path("scoreMaximum").asDouble()).isEqualTo(100.0);
        assertThat(lms.lineItemOf(link)).endsWith("/lineitems/77/lineitem?type_id=1");
        assertThat(lms.scorePosts()).hasSize(20)
                .allSatisfy(r -> assertThat(r.getUrl()).isEqualTo("/moodle/mod/lti/services.php/2/lineitems/77/lineitem/scores?type_id=1"));
    }

    @Test
    void findsTheColumnOfAnActivityAddedByHandWhenItExists() {
        String lineItems = "/api/lti/courses/7/line_items"; // Canvas: no query, scores at .../line_items/31/scores
        lms.lms.server.stubFor(post(urlPathEqualTo(lineItems + "/31/scores")).willReturn(aResponse().withStatus(200)));
        String link = lms.activityWithoutColumn(lineItems);
        lms.lms.server.stubFor(get(urlPathEqualTo(lineItems)).willReturn(aResponse()
                .withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitemcontainer+json")
                .withBody("[{\"id\":\"" + lms.lms.url(lineItems + "/31") + "\",\"label\":\"Unit 224\",\"scoreMaximum\":100,"
                        + "\"resourceId\":\"224\",\"tag\":\"unit\",\"resourceLinkId\":\"" + link + "\"}]")));

        lms.queue(link, "canvas-user", 60);

        await().atMost(Duration.ofSeconds(10)).until(() -> lms.count("DELIVERED") == 1);
        assertThat(lms.lms.server.findAll(postRequestedFor(urlPathEqualTo(lineItems)))).as("nothing created").isEmpty();
        assertThat(lms.lms.server.findAll(postRequestedFor(urlPathEqualTo(lineItems + "/31/scores")))).hasSize(1);
        assertThat(lms.lineItemOf(link)).endsWith(lineItems + "/31");
    }

    @Test
    void backoffGrowsWithJitterUpToTheLimit() {
        SendFailures failures = new SendFailures(null, properties, "test", at -> { });
        Map<Integer, Duration> longest = new HashMap<>();
        for (int attempt = 0; attempt < 12; attempt++) {
            for (int i = 0; i < 50; i++) {
                Duration d = failures.backoff(attempt);
                longest.merge(attempt, d, (a, b) -> a.compareTo(b) > 0 ? a : b);
                assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2));
                assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(Math.min(2000, 200L << attempt) / 2));
            }
        }
        assertThat(longest.get(0)).isLessThanOrEqualTo(Duration.ofMillis(200));
    }
}
