package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import static org.attest.sandbox.GradeServicesClient.cell;
import static org.attest.sandbox.GradeServicesClient.id;
import static org.attest.sandbox.GradeServicesClient.results;
import static org.attest.sandbox.GradeServicesClient.score;
import static org.attest.sandbox.GradeServicesClient.scores;
import static org.attest.sandbox.GradeServicesClient.send;

import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.PlatformRegistry;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox playing Canvas ({@code attest.sandbox.lms=canvas}), over real HTTP with its token flow: a PendingManual
 * score keeps its number and needs grading, Pending keeps none, scores within one second are both taken, and the
 * platform says it is Canvas.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox",
        "attest.sandbox.lms=canvas"})
class SandboxCanvasScoresTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SelfRegistration selfRegistration;

    @Autowired
    LineItems lineItems;

    @Autowired
    PlatformRegistry platforms;

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    @Test
    void pendingManualKeepsItsNumberAndNeedsGradingWhilePendingKeepsNone() throws Exception {
        String token = token();
        String lineItem = createLineItem(token, "Canvas progress");

        HttpResponse<String> manual = postScore(lineItem, token, "sam", 6, "2026-11-24T10:00:00.100Z", "PendingManual");
        HttpResponse<String> pending = postScore(lineItem, token, "alex", 4, "2026-11-24T10:00:00.100Z", "Pending");

        assertThat(manual.statusCode()).isEqualTo(200);
        assertThat(pending.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(send("GET", results(lineItem), token, null, null).body());
        assertThat(results).anySatisfy(r -> {
            assertThat(r.path("userId").asString()).isEqualTo("sam");
            assertThat(r.path("resultScore").asDouble()).isEqualTo(6.0);
        });
        assertThat(results).anySatisfy(r -> {
            assertThat(r.path("userId").asString()).isEqualTo("alex");
            assertThat(r.has("resultScore")).isFalse();
        });
        String page = TestPlatform.getPage(sandbox() + "/gradebook").body();
        assertThat(cell(page, "sam", id(lineItem))).contains("6 / 10", "needs grading");
        assertThat(cell(page, "alex", id(lineItem))).contains("<strong class=\"score\">-</strong>");
    }

    @Test
    void twoScoresWithinOneSecondAreBothTaken() throws Exception {
        String token = token();
        String lineItem = createLineItem(token, "Canvas same second");

        HttpResponse<String> first = postScore(lineItem, token, "sam", 4, "2026-11-24T10:00:00.100Z", "FullyGraded");
        HttpResponse<String> second = postScore(lineItem, token, "sam", 5, "2026-11-24T10:00:00.900Z", "FullyGraded");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(lineItems.results(id(lineItem))).singleElement().extracting(LineItems.Score::scoreGiven).isEqualTo(5.0);
    }

    @Test
    void scoreOlderThanTheLatestIsKeptButIgnored() throws Exception {
        String token = token();
        String lineItem = createLineItem(token, "Canvas late");

        postScore(lineItem, token, "sam", 9, "2026-11-24T10:00:02.500Z", "FullyGraded");
        HttpResponse<String> late = postScore(lineItem, token, "sam", 3, "2026-11-24T10:00:01Z", "FullyGraded");

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(lineItems.history(id(lineItem), "sam")).extracting(LineItems.Score::stale).containsExactly(false, true);
        assertThat(lineItems.results(id(lineItem))).singleElement().extracting(LineItems.Score::scoreGiven).isEqualTo(9.0);
    }

    @Test
    void openIdConfigurationAndTheRegisteredPlatformSayCanvas() throws Exception {
        JsonNode config = JSON.readTree(TestPlatform.getPage(sandbox() + PlatformController.OPENID_CONFIGURATION).body());

        assertThat(config.path(PlatformController.PLATFORM_CONFIGURATION).path("product_family_code").asString()).isEqualTo("canvas");
        assertThat(platforms.findByIssuer(sandbox())).isNotEmpty()
                .allSatisfy(p -> assertThat(p.productFamily()).isEqualTo("canvas"));
    }

    private String token() throws Exception {
        return new GradeServicesClient(sandbox(), toolKeys, selfRegistration.current().orElseThrow().clientId())
                .token(String.join(" ", LaunchMessages.AGS_SCOPES));
    }

    private String createLineItem(String token, String label) throws Exception {
        HttpResponse<String> created = new GradeServicesClient(sandbox(), toolKeys, null).createLineItem(token, label, 10, null, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private HttpResponse<String> postScore(String lineItem, String token, String user, double given, String timestamp,
            String grading) throws Exception {
        return send("POST", scores(lineItem), token, GradeServicesController.SCORE, score(user, given, 10, timestamp, "Submitted", grading));
    }
}
