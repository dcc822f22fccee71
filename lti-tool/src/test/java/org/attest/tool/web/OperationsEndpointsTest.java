package org.attest.tool.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.gradebook.scores.DeliveryFixture;
import org.attest.tool.gradebook.scores.ScoreOutbox;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The actuator as an anonymous caller on the internet meets it (the main port: the probes' status and nothing else),
 * and as the operator's scraper does (the management port): the launch, refusal, score and HTTP series, with no
 * session token, user id or learner anywhere in the scrape.
 */
class OperationsEndpointsTest extends PortfolioTestSupport {

    @Value("${local.management.port}")
    int managementPort;

    @Autowired ScoreOutbox outbox;
    @Autowired TransactionTemplate transactions;

    @Test
    void anAnonymousCallerOnTheMainPortGetsOnlyTheProbesStatus() throws Exception {
        for (String probe : List.of("/livez", "/readyz")) {
            HttpResponse<String> answer = get(probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body().replace(" ", "")).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/info", "/actuator/env", "/actuator/heapdump", "/actuator/loggers")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isIn(401, 403, 404);
            assertThat(answer.body()).as(path).doesNotContain("\"status\"").doesNotContain("jvm_").doesNotContain("_links");
        }
        HttpResponse<String> readiness = TestPlatform.getPage(management("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"").doesNotContain("components");
        assertThat(TestPlatform.getPage(management("/actuator/health/liveness")).statusCode()).isEqualTo(200);
    }

    @Test
    void theScrapeCountsLaunchesRefusalsScoresAndPagesWithoutTokensOrUserIds() throws Exception {
        String course = "ops-" + UUID.randomUUID();
        Person sam = new Person("ops-sam-" + UUID.randomUUID(), "Sam Scrape", LEARNER);
        Launched launched = launch(platform, sam, course, "activity-" + course);
        String token = launched.base().substring("/s/".length());
        assertThat(get(launched.landing()).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = post("/lti/launch", Map.of("state", "no-such-state"));
        assertThat(refused.statusCode()).isEqualTo(400);
        String learner = "ops-learner-" + UUID.randomUUID();
        try (DeliveryFixture lms = new DeliveryFixture(registry, jdbc, transactions, outbox)) {
            lms.lms.issuesTokens("token-ops");
            lms.lms.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching(DeliveryFixture.SCORES)).willReturn(aResponse().withStatus(204)));
            lms.queue(lms.activity(7), learner, 60);
            await().atMost(Duration.ofSeconds(20)).until(() -> lms.count("DELIVERED") == 1);

            String scrape = await().atMost(Duration.ofSeconds(10)).until(this::scrape,
                    s -> value(s, "attest_scores_sent_total", "outcome=\"delivered\",platform=\"" + lms.platform.id() + "\"") >= 1);

            assertThat(value(scrape, "attest_launches_total", "")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "attest_launch_refusals_total", "reason=\"TOKEN_MISSING\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "attest_sessions_active", "")).as("Sam's session").isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "attest_scores_pending", "")).isGreaterThanOrEqualTo(0);
            assertThat(value(scrape, "attest_scores_oldest_pending_age_seconds", "")).isGreaterThanOrEqualTo(0);
            assertThat(scrape).containsPattern("attest_roster_reads_total\\{[^}]*outcome=\"failed\"");
            assertThat(scrape).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/s/\\{token\\}/");
            assertThat(scrape).as("launches (accepted and refused) timed as /lti/launch, not lumped into REDIRECTION or UNKNOWN")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"302\",uri=\"/lti/launch\"")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\",uri=\"/lti/launch\"");
            assertThat(scrape).as("no session token, learner, person or course in any series")
                    .doesNotContain(token).doesNotContain(token.substring(0, 16))
                    .doesNotContain(learner).doesNotContain(sam.subject()).doesNotContain(course);
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> answer = TestPlatform.getPage(management("/actuator/prometheus"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** A series' value, or -1 when the scrape has no series of that name whose labels contain {@code labels}. */
    private static double value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) { // "" matches any labels
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }
}
