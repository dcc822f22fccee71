package org.attest.tool.gradebook.lms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatformHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class AgsClientTest extends IntegrationTest {

    private static final String MOODLE_LINE_ITEMS = "/moodle/mod/lti/services.php/2/lineitems?type_id=1";
    private static final String MOODLE_LINE_ITEM = "/moodle/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1";
    private static final String MOODLE_SCORES = "/moodle/mod/lti/services.php/2/lineitems/3/lineitem/scores?type_id=1";
    private static final String CANVAS_LINE_ITEM = "/api/lti/courses/7/line_items/12";

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    private final ServicePlatform lms = new ServicePlatform();
    private AgsClient ags;

    @BeforeEach
    void wire() {
        ags = lms.clients(toolKeys).ags();
        lms.issuesTokens("tok-1", "tok-2");
    }

    @AfterEach
    void stop() {
        lms.close();
    }

    private static Score completed(String userId) {
        return new Score(userId, 10.0, 10.0, null, Score.ActivityProgress.Completed, Score.GradingProgress.FullyGraded,
                Instant.parse("2026-11-24T02:08:02.123456789Z"));
    }

    @Test
    void scoresGoIntoThePathBeforeMoodlesQueryString() throws Exception {
        lms.server.stubFor(post(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400))); // Moodle's answer elsewhere
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(200)));

        ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4"));

        lms.server.verify(1, postRequestedFor(urlEqualTo(MOODLE_SCORES)));
    }

    @Test
    void scoreBodyHasTheAgsFieldsAndScoreMediaType() throws Exception {
        lms.server.stubFor(post(urlEqualTo(CANVAS_LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(204)));
        Score score = new Score("4", 7.0, 10.0, "Missing: 1.2, 3.1", Score.ActivityProgress.InProgress,
                Score.GradingProgress.Pending, Instant.parse("2026-11-24T02:08:02.123456789Z"));

        ags.postScore(lms.platform, lms.url(CANVAS_LINE_ITEM), score);

        lms.server.verify(postRequestedFor(urlEqualTo(CANVAS_LINE_ITEM + "/scores"))
                .withHeader("Content-Type", equalTo("application/vnd.ims.lis.v1.score+json"))
                .withHeader("Authorization", equalTo("Bearer tok-1"))
                .withHeader("User-Agent", equalTo(PlatformHttp.USER_AGENT))
                .withRequestBody(equalToJson("""
                        {"userId": "4", "scoreGiven": 7.0, "scoreMaximum": 10.0, "comment": "Missing: 1.2, 3.1",
                         "timestamp": "2026-11-24T02:08:02.123456+00:00",
                         "activityProgress": "InProgress", "gradingProgress": "Pending"}""")));
    }

    @Test
    void progressWithoutAGradeLeavesOutScoreFields() throws Exception {
        lms.server.stubFor(post(urlEqualTo(CANVAS_LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(204)));
        Score submitted = new Score("4", null, null, null, Score.ActivityProgress.Submitted, Score.GradingProgress.PendingManual,
                Instant.parse("2026-11-24T02:08:02Z"));

        ags.postScore(lms.platform, lms.url(CANVAS_LINE_ITEM), submitted);

        lms.server.verify(postRequestedFor(urlEqualTo(CANVAS_LINE_ITEM + "/scores")).withRequestBody(equalToJson("""
                {"userId": "4", "timestamp": "2026-11-24T02:08:02.000000+00:00",
                 "activityProgress": "Submitted", "gradingProgress": "PendingManual"}""")));
    }

    @Test
    void findsMoodleLineItemByResourceIdAndTagWhenThePlatformIgnoresTheFilter() throws Exception {
        lms.server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/services.php/2/lineitems")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.LINE_ITEM_CONTAINER).withBody(lms.moodle("GET lineitems", 0))));

        LineItem found = ags.findOrCreate(lms.platform, lms.url(MOODLE_LINE_ITEMS), LineItem.wanted("E2E temp item", 10, "e2e-temp", "e2e", null));

        assertEquals(lms.url(MOODLE_LINE_ITEM), found.id());
        lms.server.verify(getRequestedFor(urlEqualTo(MOODLE_LINE_ITEMS + "&resource_id=e2e-temp&tag=e2e"))
                .withHeader("Accept", equalTo("application/vnd.ims.lis.v2.lineitemcontainer+json")));
        lms.server.verify(0, postRequestedFor(urlPathMatching(".*/lineitems")));
    }

    @Test
    void readsMoodleActivityLineItemByResourceLinkIdWithBlankResourceIdAsAbsent() throws Exception {
        lms.server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/services.php/2/lineitems")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.LINE_ITEM_CONTAINER).withBody(lms.moodle("GET lineitems", 0))));

        List<LineItem> items = ags.lineItems(lms.platform, lms.url(MOODLE_LINE_ITEMS), new AgsClient.LineItemFilter("1", null, null));

        assertEquals(1, items.size());
        assertEquals("Lab LTI Activity", items.get(0).label());
        assertEquals(100.0, items.get(0).scoreMaximum());
        assertNull(items.get(0).resourceId());
    }

    @Test
    void createsTheLineItemWhenNoneMatches() throws Exception {
        lms.server.stubFor(get(urlPathEqualTo("/moodle/mod/lti/services.php/2/lineitems")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.LINE_ITEM_CONTAINER).withBody("[]")));
        lms.server.stubFor(post(urlEqualTo(MOODLE_LINE_ITEMS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", AgsClient.LINE_ITEM).withBody(lms.moodle("POST lineitems", 0))));

        LineItem created = ags.findOrCreate(lms.platform, lms.url(MOODLE_LINE_ITEMS), LineItem.wanted("E2E temp item", 10, "e2e-temp", "e2e", null));

        assertEquals(lms.url(MOODLE_LINE_ITEM), created.id());
        lms.server.verify(postRequestedFor(urlEqualTo(MOODLE_LINE_ITEMS))
                .withHeader("Content-Type", equalTo("application/vnd.ims.lis.v2.lineitem+json"))
                .withRequestBody(equalToJson("""
                        {"label": "E2E temp item", "scoreMaximum": 10.0, "resourceId": "e2e-temp", "tag": "e2e"}""")));
    }

    @Test
    void readsResultsFromThePathOverTwoPages() throws Exception {
        String results = "/moodle/mod/lti/services.php/2/lineitems/3/lineitem/results";
        lms.server.stubFor(get(urlEqualTo(results + "?type_id=1")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.RESULT_CONTAINER)
                .withHeader("Link", "<" + lms.url(results + "?type_id=1&page=2") + ">; rel=\"next\"")
                .withBody(lms.moodle("GET results", 0))));
        lms.server.stubFor(get(urlEqualTo(results + "?type_id=1&page=2")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.RESULT_CONTAINER).withBody(lms.moodle("GET results", 1))));

        List<Result> read = ags.results(lms.platform, lms.url(MOODLE_LINE_ITEM), null);

        assertEquals(List.of("4", "5"), read.stream().map(Result::userId).toList());
        assertEquals(7.0, read.get(0).resultScore());
        assertEquals(10.0, read.get(0).resultMaximum());
        assertEquals(Instant.parse("2026-11-24T02:08:02Z"), read.get(0).timestamp());
        lms.server.verify(getRequestedFor(urlEqualTo(results + "?type_id=1"))
                .withHeader("Accept", equalTo("application/vnd.ims.lis.v2.resultcontainer+json")));
    }

    @Test
    void readsOneLearnersResultOnCanvas() throws Exception {
        lms.server.stubFor(get(urlEqualTo(CANVAS_LINE_ITEM + "/results?user_id=4")).willReturn(aResponse()
                .withHeader("Content-Type", AgsClient.RESULT_CONTAINER)
                .withBody("[{\"id\":\"r1\",\"userId\":\"4\",\"resultScore\":0.5,\"scoreOf\":\"x\"}]")));

        List<Result> read = ags.results(lms.platform, lms.url(CANVAS_LINE_ITEM), "4");

        assertEquals(1, read.size());
        assertEquals(1.0, read.get(0).resultMaximum()); // AGS: absent means 1
    }

    @Test
    void aTokenRevokedMidBatchIsReplacedOnceAndTheBatchCompletes() throws Exception {
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(200)));
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(aResponse().withStatus(200)));
        for (int user = 1; user <= 3; user++) {
            ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed(String.valueOf(user)));
        }
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401)));

        for (int user = 4; user <= 10; user++) {
            ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed(String.valueOf(user)));
        }

        assertEquals(2, lms.tokenRequests());
        lms.server.verify(4, postRequestedFor(urlEqualTo(MOODLE_SCORES)).withHeader("Authorization", equalTo("Bearer tok-1")));
        lms.server.verify(7, postRequestedFor(urlEqualTo(MOODLE_SCORES)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void aSecond401FailsRetryablyWithoutLooping() {
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(401)));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4")));

        assertEquals(401, failed.status());
        assertTrue(failed.retryable());
        assertEquals(2, lms.tokenRequests());
        lms.server.verify(2, postRequestedFor(urlEqualTo(MOODLE_SCORES)));
    }

    @Test
    void tooManyRequestsSaysHowLongToWait() {
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4")));

        assertEquals(429, failed.status());
        assertTrue(failed.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(30)), failed.retryAfter());
        assertEquals(lms.url(MOODLE_SCORES), failed.url());
        assertTrue(failed.getMessage().contains(lms.platform.describe()), failed.getMessage());
        assertTrue(failed.getMessage().contains(lms.url(MOODLE_SCORES)), failed.getMessage());
    }

    @Test
    void serverErrorIsRetryable() {
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(500)));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4")));

        assertEquals(500, failed.status());
        assertTrue(failed.retryable());
        assertTrue(failed.retryAfter().isEmpty());
    }

    @Test
    void badRequestIsNotRetryableAndQuotesThePlatform() {
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(400)
                .withBody("Refusing score with an earlier timestamp for item 3 and user 4")));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> ags.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4")));

        assertEquals(400, failed.status());
        assertFalse(failed.retryable());
        assertTrue(failed.getMessage().contains("Refusing score with an earlier timestamp"), failed.getMessage());
    }

    @Test
    void aPlatformTooSlowToAnswerFailsRetryably() {
        AgsClient impatient = lms.clients(toolKeys, TestPlatformHttp.onLoopback(Duration.ofMillis(300)), Clock.systemUTC()).ags();
        lms.server.stubFor(post(urlEqualTo(MOODLE_SCORES)).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        PlatformCallFailed failed = assertThrows(PlatformCallFailed.class,
                () -> impatient.postScore(lms.platform, lms.url(MOODLE_LINE_ITEM), completed("4")));

        assertEquals(0, failed.status());
        assertTrue(failed.retryable());
        assertTrue(failed.getMessage().contains(lms.url(MOODLE_SCORES)), failed.getMessage());
    }

    @Test
    void serviceUrlsGoIntoThePath() {
        assertEquals("https://moodle.ac.uk/mod/lti/services.php/2/lineitems/3/lineitem/results?type_id=1",
                AgsClient.serviceUrl("https://moodle.ac.uk/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1", "results"));
        assertEquals("https://canvas.ac.uk/api/lti/courses/7/line_items/12/scores",
                AgsClient.serviceUrl("https://canvas.ac.uk/api/lti/courses/7/line_items/12/", "scores"));
    }
}
