package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import static org.attest.sandbox.GradeServicesClient.cell;
import static org.attest.sandbox.GradeServicesClient.id;
import static org.attest.sandbox.GradeServicesClient.results;
import static org.attest.sandbox.GradeServicesClient.score;
import static org.attest.sandbox.GradeServicesClient.scores;
import static org.attest.sandbox.GradeServicesClient.send;

import org.attest.tool.IntegrationTest;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's gradebook services as Attest meets them: service tokens for a signed client
 * assertion, AGS line items, scores and results at Moodle-shaped URLs, NRPS memberships with paging,
 * and the gradebook page that shows what arrived.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxGradeServicesTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALL_SCOPES = String.join(" ", LaunchMessages.AGS_SCOPES) + " " + LaunchMessages.NRPS_SCOPE;

    @Autowired
    SelfRegistration selfRegistration;

    @Autowired
    LineItems lineItems;

    @Autowired
    SandboxLinks links;

    @Autowired
    SandboxAccessTokens accessTokens;

    @Autowired
    @Qualifier("tool")
    SigningKeys toolKeys;

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    String clientId() {
        return selfRegistration.current().orElseThrow().clientId();
    }

    @Test
    void grantsAnHourLongTokenForAClientAssertionSignedWithTheToolsKey() throws Exception {
        long before = accessTokens.requests();

        HttpResponse<String> response = grades().requestToken(toolKeys.sign(grades().assertion(clientId()).build()), ALL_SCOPES + " https://example.com/other");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.path("access_token").asString()).hasSizeGreaterThan(30);
        assertThat(body.path("scope").asString().split(" ")).containsExactlyInAnyOrderElementsOf(List.of(ALL_SCOPES.split(" ")));
        assertThat(accessTokens.requests()).isEqualTo(before + 1);
    }

    @Test
    void refusesAReplayedClientAssertion() throws Exception {
        String assertion = toolKeys.sign(grades().assertion(clientId()).build());
        assertThat(grades().requestToken(assertion, ALL_SCOPES).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = grades().requestToken(assertion, ALL_SCOPES);

        assertThat(replay.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(replay.body());
        assertThat(error.path("error").asString()).isEqualTo("invalid_client");
        assertThat(error.path("error_description").asString()).contains("was used already");
    }

    @Test
    void refusesAnExpiredClientAssertion() throws Exception {
        Instant past = Instant.now().minus(10, ChronoUnit.MINUTES);
        String expired = toolKeys.sign(grades().assertion(clientId()).issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build());

        HttpResponse<String> response = grades().requestToken(expired, ALL_SCOPES);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error_description").asString()).contains("expired at");
    }

    @Test
    void refusesAClientAssertionSignedWithAKeyTheToolDoesNotPublish() throws Exception {
        String forged = TestPlatform.sign(grades().assertion(clientId()).build(), TestPlatform.newKey(), JWSAlgorithm.RS256);

        HttpResponse<String> response = grades().requestToken(forged, ALL_SCOPES);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error_description").asString()).contains("client assertion is signed with key",
                "does not publish");
    }

    @Test
    void refusesAClientAssertionForAnotherAudienceOrWithoutTheClientAsSubject() throws Exception {
        HttpResponse<String> wrongAudience = grades().requestToken(toolKeys.sign(grades().assertion(clientId()).audience(sandbox()).build()), ALL_SCOPES);
        HttpResponse<String> wrongSubject = grades().requestToken(toolKeys.sign(grades().assertion(clientId()).subject("someone-else").build()), ALL_SCOPES);

        assertThat(wrongAudience.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongAudience.body()).path("error_description").asString())
                .contains("does not name the token endpoint " + sandbox() + "/token");
        assertThat(wrongSubject.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongSubject.body()).path("error_description").asString()).contains("sub 'someone-else'");
    }

    @Test
    void servicesRefuseRequestsWithoutATokenOrWithoutTheScope() throws Exception {
        String lineItemsUrl = sandbox() + "/ags/cs-l2/lineitems?type_id=1";
        String nrpsOnly = grades().token(LaunchMessages.NRPS_SCOPE);

        HttpResponse<String> anonymous = send("GET", lineItemsUrl, null, null, null);
        HttpResponse<String> withoutScope = send("GET", lineItemsUrl, nrpsOnly, null, null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(withoutScope.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(withoutScope.body()).path("error").asString()).isEqualTo("insufficient_scope");
    }

    @Test
    void createsFiltersAndPagesLineItems() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String tag = "tag-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> created = grades().createLineItem(token, "Task " + i, 10, "task-" + i, tag);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Content-Type")).hasValue(GradeServicesController.LINE_ITEM);
            assertThat(JSON.readTree(created.body()).path("id").asString())
                    .matches(Pattern.quote(sandbox()) + "/ags/cs-l2/lineitems/\\d+/lineitem\\?type_id=1");
        }

        HttpResponse<String> first = send("GET", sandbox() + "/ags/cs-l2/lineitems?type_id=1&tag=" + tag + "&limit=2", token, null, null);
        String next = link(first, "next");
        HttpResponse<String> second = send("GET", next, token, null, null);
        HttpResponse<String> byResource = send("GET", sandbox() + "/ags/cs-l2/lineitems?type_id=1&tag=" + tag + "&resource_id=task-2",
                token, null, null);

        assertThat(first.headers().firstValue("Content-Type")).hasValue(GradeServicesController.LINE_ITEM_CONTAINER);
        assertThat(labels(first)).containsExactly("Task 1", "Task 2");
        assertThat(labels(second)).containsExactly("Task 3");
        assertThat(second.headers().firstValue("Link").orElse("")).doesNotContain("rel=\"next\"");
        assertThat(labels(byResource)).containsExactly("Task 2");
    }

    @Test
    void theUnit224ActivityHasItsOwnLineItemAndTheLaunchPointsAtIt() throws Exception {
        SandboxLinks.Link unit224 = links.all().stream().filter(l -> "224".equals(l.custom().get("attest_unit"))).findFirst().orElseThrow();
        String token = grades().token(ALL_SCOPES);

        HttpResponse<String> found = send("GET", sandbox() + "/ags/cs-l2/lineitems?type_id=1&resource_link_id=" + unit224.id(), token,
                null, null);

        JsonNode item = JSON.readTree(found.body()).get(0);
        assertThat(item.path("scoreMaximum").asInt()).isEqualTo(100);
        assertThat(item.path("resourceId").asString()).isEqualTo("224");
        assertThat(item.path("resourceLinkId").asString()).isEqualTo(unit224.id());
        assertThat(send("GET", item.path("id").asString(), token, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void scorePostedToTheMoodleShapedScoresUrlBecomesTheResult() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Observation", 10, "obs", "task").body()).path("id").asString();

        HttpResponse<String> posted = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 7, 10, "2026-11-24T10:00:00.123Z", "Completed", "FullyGraded"));
        HttpResponse<String> results = send("GET", lineItem.replace("/lineitem?", "/lineitem/results?"), token, null, null);

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.headers().firstValue("Content-Type")).hasValue(GradeServicesController.RESULT_CONTAINER);
        JsonNode result = JSON.readTree(results.body()).get(0);
        assertThat(result.path("userId").asString()).isEqualTo("sam");
        assertThat(result.path("resultScore").asDouble()).isEqualTo(7.0);
        assertThat(result.path("resultMaximum").asDouble()).isEqualTo(10.0);
        assertThat(result.path("scoreOf").asString()).isEqualTo(lineItem);
        assertThat(result.path("timestamp").asString()).isEqualTo("2026-11-24T10:00:00.123Z");
    }

    @Test
    void scoreAppendedAfterTheQueryStringIsRefusedWith400AsMoodleDoes() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Quirk", 10, null, null).body()).path("id").asString();

        HttpResponse<String> refused = send("POST", lineItem + "/scores", token, GradeServicesController.SCORE,
                score("sam", 5, 10, "2026-11-24T10:00:00Z", "Completed", "FullyGraded"));
        HttpResponse<String> notResults = send("GET", lineItem + "/results", token, null, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error_description").asString()).contains("appended after the query string",
                "/lineitem/scores?type_id=1");
        assertThat(notResults.statusCode()).as("Moodle reads type_id=1/results as 1 and answers the line item").isEqualTo(200);
        assertThat(notResults.headers().firstValue("Content-Type")).hasValue(GradeServicesController.LINE_ITEM);
        assertThat(JSON.readTree(notResults.body()).path("label").asString()).isEqualTo("Quirk");
    }

    @Test
    void scoreOlderThanTheGradeIsRefusedWith409AsMoodleDoes() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Stale check", 10, null, null).body()).path("id").asString();

        send("POST", scores(lineItem), token, GradeServicesController.SCORE, score("sam", 9, 10, "2026-11-24T10:00:02.500Z",
                "Completed", "FullyGraded"));
        HttpResponse<String> late = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 3, 10, "2026-11-24T10:00:01Z", "InProgress", "FullyGraded"));

        assertThat(late.statusCode()).isEqualTo(409);
        JsonNode result = JSON.readTree(send("GET", results(lineItem), token, null, null).body()).get(0);
        assertThat(result.path("resultScore").asDouble()).isEqualTo(9.0);
        assertThat(lineItems.history(id(lineItem), "sam")).extracting(LineItems.Score::stale).containsExactly(false, true);
    }

    @Test
    void pendingManualAfterFullyGradedBlanksTheNumberAndKeepsTheCommentAsMoodleDoes() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Blanked", 10, null, null).body()).path("id").asString();

        HttpResponse<String> graded = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 8, 10, "2026-11-24T10:00:00Z", "InProgress", "FullyGraded"));
        HttpResponse<String> pending = send("POST", scores(lineItem), token, GradeServicesController.SCORE, """
                {"userId": "sam", "scoreGiven": 9, "scoreMaximum": 10, "comment": "2 pieces of evidence waiting",
                 "timestamp": "2026-11-24T10:00:05Z", "activityProgress": "Submitted", "gradingProgress": "PendingManual"}""");

        assertThat(graded.statusCode()).isEqualTo(200);
        assertThat(pending.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(send("GET", results(lineItem), token, null, null).body()).get(0);
        assertThat(result.has("resultScore")).as("Moodle keeps no number unless FullyGraded: " + result).isFalse();
        assertThat(result.path("comment").asString()).isEqualTo("2 pieces of evidence waiting");
        String cell = cell(TestPlatform.getPage(sandbox() + "/gradebook").body(), "sam", id(lineItem));
        assertThat(cell).contains("<strong class=\"score\">-</strong>", "2 pieces of evidence waiting").doesNotContain("8 / 10",
                "9 / 10");
    }

    /** Seen on the real Moodle 5.0 (docs/lms/moodle.md): FullyGraded 40, then Pending 60 two seconds later, leaves no number. */
    @Test
    void pendingScoresKeepNoNumberAsMoodleDoes() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Pending", 100, null, null).body()).path("id").asString();

        HttpResponse<String> graded = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 40, 100, "2026-11-24T10:00:00Z", "Completed", "FullyGraded"));
        HttpResponse<String> pending = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 60, 100, "2026-11-24T10:00:02Z", "Completed", "Pending"));

        assertThat(graded.statusCode()).isEqualTo(200);
        assertThat(pending.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(send("GET", results(lineItem), token, null, null).body()).get(0);
        assertThat(result.has("resultScore")).as("Moodle keeps no number unless FullyGraded: " + result).isFalse();
    }

    @Test
    void secondScoreWithinTheSameWholeSecondIsRefusedWith409InMoodlesShapeAndShownOnTheGradebook() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Same second", 10, null, null).body()).path("id").asString();

        HttpResponse<String> first = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 4, 10, "2026-11-24T10:00:00.100Z", "InProgress", "FullyGraded"));
        HttpResponse<String> second = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 5, 10, "2026-11-24T10:00:00.900Z", "InProgress", "FullyGraded"));
        HttpResponse<String> nextSecond = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 6, 10, "2026-11-24T10:00:01.000Z", "InProgress", "FullyGraded"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
                .isEqualTo(GradeServicesController.SCORE + ";charset=utf-8");
        assertThat(second.body()).isEqualTo("[]");
        assertThat(nextSecond.statusCode()).as("a score in the next whole second is newer").isEqualTo(200);
        assertThat(JSON.readTree(send("GET", results(lineItem), token, null, null).body()).get(0).path("resultScore").asDouble())
                .isEqualTo(6.0);
        String message = "Refusing score with an earlier timestamp for item " + id(lineItem) + " and user sam";
        assertThat(lineItems.history(id(lineItem), "sam")).extracting(LineItems.Score::refusal).containsExactly(null, message, null);
        assertThat(TestPlatform.getPage(sandbox() + "/gradebook").body()).contains("refused 409: " + message);
    }

    @Test
    void scoreStampedBeforeATutorsEditInTheGradebookIsRefusedWith409() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Tutor edit", 10, null, null).body()).path("id").asString();
        Instant queued = Instant.now();

        HttpResponse<String> typed = TestPlatform.post(sandbox() + "/gradebook/grade",
                Map.of("lineItem", String.valueOf(id(lineItem)), "user", "sam", "grade", "7"));
        HttpResponse<String> stale = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 3, 10, queued.toString(), "InProgress", "FullyGraded"));
        HttpResponse<String> later = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 4, 10, Instant.now().plusSeconds(2).toString(), "InProgress", "FullyGraded"));

        assertThat(typed.statusCode()).isEqualTo(302);
        assertThat(stale.statusCode()).as("stamped before the tutor's edit").isEqualTo(409);
        assertThat(later.statusCode()).as("stamped after the tutor's edit").isEqualTo(200);
        assertThat(lineItems.history(id(lineItem), "sam")).extracting(LineItems.Score::source, LineItems.Score::stale)
                .containsExactly(tuple(LineItems.Source.GRADEBOOK, false), tuple(LineItems.Source.TOOL, true),
                        tuple(LineItems.Source.TOOL, false));
    }

    @Test
    void scoreWithoutRequiredFieldsOrWithTheWrongMediaTypeIsRefused() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Validation", 10, null, null).body()).path("id").asString();

        HttpResponse<String> noProgress = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                "{\"userId\": \"sam\", \"timestamp\": \"2026-11-24T10:00:00Z\", \"gradingProgress\": \"FullyGraded\"}");
        HttpResponse<String> stranger = send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("nobody", 1, 10, "2026-11-24T10:00:00Z", "Completed", "FullyGraded"));
        HttpResponse<String> plainJson = send("POST", scores(lineItem), token, "application/json",
                score("sam", 1, 10, "2026-11-24T10:00:00Z", "Completed", "FullyGraded"));

        assertThat(noProgress.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noProgress.body()).path("error_description").asString()).contains("no activityProgress");
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(stranger.body()).path("error_description").asString()).contains("'nobody' is not a member");
        assertThat(plainJson.statusCode()).isEqualTo(415);
    }

    @Test
    void membershipsArePagedWithShortRolesAndADifferencesLink() throws Exception {
        String token = grades().token(LaunchMessages.NRPS_SCOPE);
        String url = sandbox() + "/nrps/CourseSection/cs-l2/bindings/1/memberships";

        HttpResponse<String> first = send("GET", url + "?limit=3", token, null, null);
        HttpResponse<String> second = send("GET", link(first, "next"), token, null, null);
        HttpResponse<String> third = send("GET", link(second, "next"), token, null, null);
        HttpResponse<String> differences = send("GET", link(third, "differences"), token, null, null);

        assertThat(first.headers().firstValue("Content-Type")).hasValue(MembershipsController.MEMBERSHIP_CONTAINER);
        JsonNode page = JSON.readTree(first.body());
        assertThat(page.path("context").path("id").asString()).isEqualTo("cs-l2");
        assertThat(page.path("members").get(0).path("user_id").asString()).isEqualTo("sam");
        assertThat(page.path("members").get(0).path("roles").toString()).isEqualTo("[\"Learner\"]");
        assertThat(JSON.readTree(second.body()).path("members").size()).isEqualTo(3);
        assertThat(JSON.readTree(third.body()).path("members").size()).as("seven people: five who launch, two only on the roster")
                .isEqualTo(1);
        assertThat(third.headers().firstValue("Link").orElse("")).doesNotContain("rel=\"next\"");
        assertThat(differences.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(differences.body()).path("members").size()).as("the course's people have not changed").isZero();
    }

    @Test
    void gradebookPageShowsAPostedScoreAndATutorsGradeBecomesAResult() throws Exception {
        String token = grades().token(ALL_SCOPES);
        String lineItem = JSON.readTree(grades().createLineItem(token, "Gradebook column", 20, null, null).body()).path("id").asString();
        long id = Long.parseLong(lineItem.replaceAll(".*/lineitems/(\\d+)/.*", "$1"));
        send("POST", scores(lineItem), token, GradeServicesController.SCORE,
                score("sam", 20, 20, Instant.now().minusSeconds(5).toString(), "Completed", "FullyGraded"));

        String page = TestPlatform.getPage(sandbox() + "/gradebook").body();
        HttpResponse<String> typed = TestPlatform.post(sandbox() + "/gradebook/grade",
                Map.of("lineItem", String.valueOf(id), "user", "alex", "grade", "12.5"));
        JsonNode results = JSON.readTree(send("GET", lineItem.replace("/lineitem?", "/lineitem/results?"), token, null, null).body());

        Matcher cell = Pattern.compile("id=\"cell-sam-" + id + "\">(.*?)</td>", Pattern.DOTALL).matcher(page);
        assertThat(cell.find()).isTrue();
        assertThat(cell.group(1)).contains("20 / 20", "Completed", "FullyGraded", "from Attest");
        assertThat(page).contains("Gradebook column");
        assertThat(typed.statusCode()).isEqualTo(302);
        assertThat(results).anySatisfy(r -> {
            assertThat(r.path("userId").asString()).isEqualTo("alex");
            assertThat(r.path("resultScore").asDouble()).isEqualTo(12.5);
        });
        assertThat(lineItems.history(id, "alex")).singleElement().extracting(LineItems.Score::source)
                .isEqualTo(LineItems.Source.GRADEBOOK);
    }

    @Test
    void gradebookRefusesAGradeAboveTheColumnsMaximum() throws Exception {
        String token = grades().token(ALL_SCOPES);
        long id = Long.parseLong(JSON.readTree(grades().createLineItem(token, "Capped", 10, null, null).body()).path("id").asString()
                .replaceAll(".*/lineitems/(\\d+)/.*", "$1"));

        HttpResponse<String> refused = TestPlatform.post(sandbox() + "/gradebook/grade",
                Map.of("lineItem", String.valueOf(id), "user", "sam", "grade", "11"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be between 0 and 10, was 11");
        assertThat(lineItems.history(id, "sam")).isEmpty();
    }

    @Test
    void deepLinkedActivityWithALineItemGetsItsGradeColumn() throws Exception {
        Instant now = Instant.now();
        String resourceId = "task-" + UUID.randomUUID();
        String response = toolKeys.sign(new JWTClaimsSet.Builder().issuer(clientId()).audience(sandbox())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .claim(LaunchMessages.LTI + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchMessages.LTI + "version", "1.3.0")
                .claim(LaunchMessages.LTI + "deployment_id", "1")
                .claim(LaunchMessages.DL + "data", "sandbox-deep-link:alex")
                .claim(LaunchMessages.DL + "content_items", List.of(Map.of("type", "ltiResourceLink", "title", "Graded task",
                        "lineItem", Map.of("label", "Graded task column", "scoreMaximum", 50, "resourceId", resourceId, "tag", "task"))))
                .build());

        HttpResponse<String> placed = TestPlatform.post(sandbox() + "/deep-link-return", Map.of("JWT", response));

        assertThat(placed.statusCode()).isEqualTo(200);
        SandboxLinks.Link link = links.all().stream().filter(l -> l.title().equals("Graded task")).reduce((a, b) -> b).orElseThrow();
        assertThat(lineItems.forLink("cs-l2", link.id())).hasValueSatisfying(item -> {
            assertThat(item.label()).isEqualTo("Graded task column");
            assertThat(item.scoreMaximum()).isEqualTo(50.0);
            assertThat(item.resourceId()).isEqualTo(resourceId);
            assertThat(item.tag()).isEqualTo("task");
        });
    }

    /** The grade services as Attest calls them, with the current registration's client id. */
    private GradeServicesClient grades() {
        return new GradeServicesClient(sandbox(), toolKeys, clientId());
    }

    private static List<String> labels(HttpResponse<String> response) {
        return JSON.readTree(response.body()).valueStream().map(n -> n.path("label").asString()).toList();
    }

    private static String link(HttpResponse<String> response, String rel) {
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(response.headers().firstValue("Link").orElse(""));
        assertThat(m.find()).as("Link rel=" + rel + " in " + response.headers().firstValue("Link")).isTrue();
        return m.group(1);
    }
}
