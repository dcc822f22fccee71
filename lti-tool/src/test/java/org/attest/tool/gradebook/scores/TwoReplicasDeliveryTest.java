package org.attest.tool.gradebook.scores;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attest.tool.AttestApplication;
import org.attest.tool.TestDatabase;
import org.attest.tool.gradebook.lms.ServicePlatform;
import org.attest.tool.lti.PlatformRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas of the tool on one database drain one outbox while scores keep coming: 10,000
 * scores for 2,000 learners, five each. Every learner's newest score arrives, nothing is sent
 * twice, and every row ends delivered or superseded by a newer one.
 */
@Tag("database")
class TwoReplicasDeliveryTest {

    private static final int LEARNERS = 2_000;
    private static final int ROUNDS = 5;

    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private DeliveryFixture lms;

    @BeforeEach
    void startTwoReplicas() {
        Map<String, Object> shared = TestDatabase.sharedByReplicas("replicas");
        first = replica(shared);
        second = replica(shared);
        lms = new DeliveryFixture(new ServicePlatform(80), first.getBean(PlatformRegistry.class), first.getBean(JdbcClient.class),
                first.getBean(TransactionTemplate.class), first.getBean(ScoreOutbox.class));
        lms.lms.issuesTokens("shared-token");
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).willReturn(aResponse().withStatus(200).withFixedDelay(2)));
    }

    private static ConfigurableApplicationContext replica(Map<String, Object> shared) {
        // Command-line arguments, so they win over application.properties as they would in production.
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--attest.gradebook.delivery.poll-interval=100ms",
                "--attest.gradebook.delivery.concurrency=16"));
        shared.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(AttestApplication.class).profiles("test").run(args.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        if (lms != null) {
            lms.close();
        }
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {first, second}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void twoReplicasDeliverTenThousandScoresOnceEachAndTheNewestWins() {
        String link = lms.activity(40);
        Map<String, Double> newest = new HashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (int learner = 0; learner < LEARNERS; learner++) {
                double score = round * 10 + learner % 7;
                assertThat(lms.queue(link, "learner-" + learner, score)).isTrue();
                newest.put("learner-" + learner, score);
            }
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> lms.count("PENDING") == 0);

        assertThat(lms.count("DELIVERED") + lms.count("SUPERSEDED")).as("every queued score accounted for")
                .isEqualTo((long) LEARNERS * ROUNDS);
        assertThat(lms.count("FAILED")).isZero();
        // In the order they arrived (a stable sort keeps WireMock's receipt order within a millisecond).
        var posts = lms.scorePosts().stream().sorted(java.util.Comparator.comparing(r -> r.getLoggedDate())).toList();
        assertThat(posts).hasSize((int) lms.count("DELIVERED"));
        Set<String> sent = new HashSet<>();
        Map<String, JsonNode> lastArrived = new HashMap<>();
        for (var post : posts) {
            JsonNode body = DeliveryFixture.body(post);
            String user = body.path("userId").asString();
            assertThat(sent.add(user + " " + body.path("timestamp").asString())).as("sent twice: " + user).isTrue();
            lastArrived.put(user, body);
        }
        assertThat(lastArrived).hasSize(LEARNERS);
        lastArrived.forEach((user, body) ->
                assertThat(body.path("scoreGiven").asDouble()).as("newest score of " + user).isEqualTo(newest.get(user)));
        long byFirst = first.getBean(ScoreDelivery.class).deliveredCount();
        long bySecond = second.getBean(ScoreDelivery.class).deliveredCount();
        assertThat(byFirst + bySecond).isEqualTo(posts.size());
        assertThat(List.of(byFirst, bySecond)).as("both replicas took part").allSatisfy(n -> assertThat(n).isPositive());
    }
}
