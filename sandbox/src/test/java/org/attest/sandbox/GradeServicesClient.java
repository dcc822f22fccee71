package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.lti.SigningKeys;
import org.attest.tool.lti.TestPlatform;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's token endpoint and grade services as a tool calls them, for the tests: a client assertion signed
 * with Attest's keys, an access token, line items and scores over HTTP, and the gradebook page's cells.
 */
final class GradeServicesClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String sandbox;
    private final SigningKeys toolKeys;
    private final String clientId;

    GradeServicesClient(String sandbox, SigningKeys toolKeys, String clientId) {
        this.sandbox = sandbox;
        this.toolKeys = toolKeys;
        this.clientId = clientId;
    }

    JWTClaimsSet.Builder assertion(String client) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(client).subject(client).audience(sandbox + "/token")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    HttpResponse<String> requestToken(String assertion, String scope) throws Exception {
        return TestPlatform.post(sandbox + "/token", Map.of("grant_type", "client_credentials",
                "client_assertion_type", SandboxAccessTokens.JWT_BEARER, "client_assertion", assertion, "scope", scope));
    }

    String token(String scope) throws Exception {
        HttpResponse<String> response = requestToken(toolKeys.sign(assertion(clientId).build()), scope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    HttpResponse<String> createLineItem(String token, String label, int maximum, String resourceId, String tag) throws Exception {
        StringBuilder json = new StringBuilder("{\"label\": \"" + label + "\", \"scoreMaximum\": " + maximum);
        if (resourceId != null) {
            json.append(", \"resourceId\": \"").append(resourceId).append('"');
        }
        if (tag != null) {
            json.append(", \"tag\": \"").append(tag).append('"');
        }
        return send("POST", sandbox + "/ags/cs-l2/lineitems?type_id=1", token, GradeServicesController.LINE_ITEM, json + "}");
    }

    static String results(String lineItem) {
        return lineItem.replace("/lineitem?", "/lineitem/results?");
    }

    /** The scores URL as Moodle wants it: /scores inserted into the path, before the query string. */
    static String scores(String lineItem) {
        return lineItem.replace("/lineitem?", "/lineitem/scores?");
    }

    static long id(String lineItem) {
        return Long.parseLong(lineItem.replaceAll(".*/lineitems/(\\d+)/.*", "$1"));
    }

    static String cell(String page, String user, long lineItemId) {
        Matcher cell = Pattern.compile("id=\"cell-" + user + "-" + lineItemId + "\">(.*?)</td>", Pattern.DOTALL).matcher(page);
        assertThat(cell.find()).as("the gradebook has a cell for " + user + " in column " + lineItemId).isTrue();
        return cell.group(1);
    }

    static String score(String user, double given, double maximum, String timestamp, String activity, String grading) {
        return "{\"userId\": \"" + user + "\", \"scoreGiven\": " + given + ", \"scoreMaximum\": " + maximum + ", \"timestamp\": \""
                + timestamp + "\", \"activityProgress\": \"" + activity + "\", \"gradingProgress\": \"" + grading + "\"}";
    }

    static HttpResponse<String> send(String method, String url, String bearer, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return TestPlatform.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
