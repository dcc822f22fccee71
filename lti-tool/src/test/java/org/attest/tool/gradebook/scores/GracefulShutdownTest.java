package org.attest.tool.gradebook.scores;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.attest.tool.AttestApplication;
import org.attest.tool.TestDatabase;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replica stopped (its application context closed, as on SIGTERM) while the LMS is still answering a score: readiness
 * goes DOWN at once, while the server still answers, so a load balancer stops sending before anything stops; the score
 * ends delivered once and unclaimed, never lost and never sent twice. A second replica on
 * the same database, which sends nothing itself, holds the database open and reads the outcome.
 */
@Tag("database")
class GracefulShutdownTest {

    private ConfigurableApplicationContext stopping;
    private ConfigurableApplicationContext watching;
    private DeliveryFixture lms;

    @AfterEach
    void close() {
        if (lms != null) {
            lms.close();
        }
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {stopping, watching}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    @Test
    void closingTheApplicationWhileAScoreIsOnTheWireTurnsReadinessDownFirstAndDeliversItOnce() throws Exception {
        Map<String, Object> shared = TestDatabase.sharedByReplicas("shutdown");
        watching = replica(shared, false);
        stopping = replica(shared, true);
        JdbcClient jdbc = watching.getBean(JdbcClient.class);
        lms = new DeliveryFixture(watching.getBean(PlatformRegistry.class), jdbc, watching.getBean(TransactionTemplate.class),
                watching.getBean(ScoreOutbox.class));
        lms.lms.issuesTokens("token-shutdown");
        lms.lms.server.stubFor(post(urlPathMatching(DeliveryFixture.SCORES)).willReturn(aResponse().withStatus(204).withFixedDelay(3000)));
        String link = lms.activity(3);

        lms.queue(link, "learner-shutdown", 70);
        await().atMost(Duration.ofSeconds(20)).until(() -> lms.scorePosts().size() == 1);
        String readiness = "http://127.0.0.1:" + stopping.getEnvironment().getProperty("local.server.port") + "/readyz";
        assertThat(TestPlatform.getPage(readiness).statusCode()).isEqualTo(200);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(stopping::close);

        // While the score is still on the wire the server still answers, and already says it takes no more traffic.
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> TestPlatform.getPage(readiness).statusCode() == 503);
        assertThat(closed).as("still stopping: the LMS has not answered yet").isNotDone();
        closed.get(30, TimeUnit.SECONDS);

        QueuedScore row = lms.rows(link).get(0);
        String claimedBy = jdbc.sql("SELECT claimed_by FROM score_outbox WHERE id = ?").param(row.id()).query(String.class).optional().orElse(null);
        assertThat(row.state()).as("the score the LMS was answering when the replica stopped").isEqualTo(QueuedScore.State.DELIVERED);
        assertThat(claimedBy).as("no claim is left behind to wait out its timeout").isNull();
        assertThat(lms.scorePosts()).as("sent once").hasSize(1);
    }


    private static ConfigurableApplicationContext replica(Map<String, Object> shared, boolean sends) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--attest.gradebook.delivery.enabled=" + sends,
                "--attest.platform-http.request-timeout=10s"));
        shared.forEach((name, value) -> args.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(AttestApplication.class).profiles("test").run(args.toArray(String[]::new));
    }
}
