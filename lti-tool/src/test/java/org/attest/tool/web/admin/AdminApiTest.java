package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON API under /s/{token}/admin/api/platforms. */
class AdminApiTest extends AdminIntegrationTest {

    TestPlatform moodle;
    Platform a;
    String api;

    @BeforeEach
    void platformAndOperator() throws Exception {
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        api = operatorSession() + "/admin/api/platforms";
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void operatorRegistersEditsDisablesAndChangesDeploymentsOfAPlatform() throws Exception {
        String issuer = "https://canvas-" + System.nanoTime() + ".example.ac.uk";

        HttpResponse<String> created = json("POST", api, platformJson(issuer, "10000000000042", "College Canvas", "7:abc", "8:def"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode platform = parse(created);
        String id = platform.path("id").asString();
        assertThat(created.headers().firstValue("Location")).contains(api + "/" + id);
        assertThat(platform.path("issuer").asString()).isEqualTo(issuer);
        assertThat(platform.path("clientId").asString()).isEqualTo("10000000000042");
        assertThat(platform.path("registeredBy").asString()).isEqualTo("MANUAL");
        assertThat(platform.path("enabled").asBoolean()).isTrue();
        assertThat(platform.path("deployments").valueStream().map(d -> d.path("deploymentId").asString()).toList())
                .containsExactly("7:abc", "8:def");
        assertThat(parse(json("GET", api + "/" + id, null)).path("name").asString()).isEqualTo("College Canvas");

        HttpResponse<String> review = json("PUT", api + "/" + id, """
                {"name": "Canvas (all campuses)", "authorizationEndpoint": "https://sso.canvaslms.com/api/lti/authorize_redirect",
                 "tokenEndpoint": "https://sso.canvaslms.com/login/oauth2/token", "jwksUri": "https://sso.canvaslms.com/api/lti/security/jwks"}""");
        assertThat(review.statusCode()).isEqualTo(409);
        assertThat(parse(review).path("change").path("after").path("jwksUri").asString()).isEqualTo("https://sso.canvaslms.com/api/lti/security/jwks");
        assertThat(parse(json("GET", api + "/" + id, null)).path("name").asString()).as("nothing changed").isEqualTo("College Canvas");
        HttpResponse<String> updated = json("PUT", api + "/" + id + "?confirm=true", """
                {"name": "Canvas (all campuses)", "authorizationEndpoint": "https://sso.canvaslms.com/api/lti/authorize_redirect",
                 "tokenEndpoint": "https://sso.canvaslms.com/login/oauth2/token", "jwksUri": "https://sso.canvaslms.com/api/lti/security/jwks"}""");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(parse(updated).path("name").asString()).isEqualTo("Canvas (all campuses)");
        assertThat(parse(updated).path("jwksUri").asString()).isEqualTo("https://sso.canvaslms.com/api/lti/security/jwks");

        HttpResponse<String> disabled = json("PATCH", api + "/" + id, "{\"enabled\": false}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(parse(disabled).path("enabled").asBoolean()).isFalse();
        assertThat(registry.find(UUID.fromString(id)).orElseThrow().enabled()).isFalse();

        HttpResponse<String> added = json("POST", api + "/" + id + "/deployments", "{\"deploymentId\": \"9:ghi\", \"name\": \"Eastfield\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(parse(added).path("deployments").toString()).contains("\"9:ghi\"", "\"Eastfield\"");

        HttpResponse<String> removed = json("DELETE", api + "/" + id + "/deployments/7:abc", null);
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(registry.find(UUID.fromString(id)).orElseThrow().deployments()).extracting(Platform.Deployment::deploymentId)
                .containsExactly("8:def", "9:ghi");
    }

    @Test
    void invalidInputIs400WithASentenceAndChangesNothing() throws Exception {
        String before = snapshot();
        String[][] cases = {
                {"POST", "", "{\"issuer\": \" \", \"clientId\": \"c\", \"name\": \"N\", \"authorizationEndpoint\": \"https://a.example/auth\","
                        + " \"tokenEndpoint\": \"https://a.example/token\", \"jwksUri\": \"file:///etc/passwd\"}",
                        "Issuer is blank: enter the platform ID the LMS shows, such as https://moodle.college.ac.uk; "
                                + "Public keyset URL 'file:///etc/passwd' is not a web address: it must start with https:// (or http://localhost on a test server)."},
                {"POST", "", platformJson(moodle.issuer, moodle.clientId, "Duplicate", "1"),
                        "A platform with issuer " + moodle.issuer + " and client id " + moodle.clientId + " is already registered: "
                                + a.describe() + "; edit that one instead."},
                {"POST", "", "{\"issuer\": ", "The request body is not the JSON object this call expects"},
                {"POST", "", "[1, 2]", "The request body is not the JSON object this call expects"},
                {"PUT", "/" + a.id(), "{\"name\": \"\", \"authorizationEndpoint\": \"https://a.example/auth\", \"tokenEndpoint\": \"x\","
                        + " \"jwksUri\": \"https://a.example/certs\"}", "Name is blank"},
                {"PATCH", "/" + a.id(), "{\"name\": \"Renamed\"}", "PATCH changes only whether the platform is enabled"},
                {"PATCH", "/" + a.id(), "{\"enabled\": \"perhaps\"}", "The request body is not the JSON object this call expects"},
                {"POST", "/" + a.id() + "/deployments", "{\"deploymentId\": \"\"}", "Deployment id is blank"},
                {"POST", "/" + a.id() + "/deployments", "{\"deploymentId\": \"1\"}", "Deployment '1' is already registered for " + a.describe()},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = json(c[0], api + c[1], c[2]);

            assertThat(response.statusCode()).as(c[0] + " " + c[2]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(parse(response).path("error").asString()).as(c[0] + " " + c[2]).startsWith(c[3]);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void invalidFieldsAreNamedForForms() throws Exception {
        HttpResponse<String> response = json("POST", api, "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(parse(response).path("fields").propertyNames())
                .containsExactly("issuer", "clientId", "name", "authorizationEndpoint", "tokenEndpoint", "jwksUri");
    }

    @Test
    void unknownPlatformsAndDeploymentsAre404Json() throws Exception {
        for (String path : new String[] {"/" + UUID.randomUUID(), "/not-a-platform-id"}) {
            HttpResponse<String> response = json("GET", api + path, null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(parse(response).path("error").asString()).startsWith("There is no platform");
        }
        HttpResponse<String> deployment = json("DELETE", api + "/" + a.id() + "/deployments/99", null);
        assertThat(deployment.statusCode()).isEqualTo(404);
        assertThat(parse(deployment).path("error").asString()).isEqualTo(a.describe() + " has no deployment '99'");
        assertThat(json("PATCH", api + "/" + UUID.randomUUID(), "{\"enabled\": true}").statusCode()).isEqualTo(404);
    }

    @Test
    void aCourseContentDeveloperIsACentreAdminButManagesNoPlatform() throws Exception {
        String session = launchSession(moodle, "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper");
        String before = snapshot();

        HttpResponse<String> list = TestPlatform.getPage(baseUrl() + session + "/admin/api/platforms");
        HttpResponse<String> disable = TestPlatform.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl() + session + "/admin/api/platforms/" + a.id()))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(parse(list).size()).isZero();
        assertThat(disable.statusCode()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void securityRefusalsOfTheApiAreJson() throws Exception {
        String learner = launchSession(moodle, LEARNER);

        HttpResponse<String> refused = TestPlatform.getPage(baseUrl() + learner + "/admin/api/platforms");
        HttpResponse<String> ended = TestPlatform.getPage(baseUrl() + "/s/" + "x".repeat(64) + "/admin/api/platforms");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(parse(refused).path("error").asString()).contains("your role does not give access");
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(parse(ended).path("error").asString()).contains("session has ended");
    }
}
