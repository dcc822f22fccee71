package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * A change of a platform's keys or endpoints is two steps: the edit shows the old and new
 * endpoints and the RFC 7638 thumbprints of the keys at the old and new JWKS URL, and only
 * "Confirm" applies it; another centre's administrator gets 404 and changes nothing.
 */
class EndpointChangeTest extends AdminIntegrationTest {

    TestPlatform moodle;
    TestPlatform moved;
    Platform a;
    Platform b;

    @BeforeEach
    void platforms() throws Exception {
        moodle = TestPlatform.start();
        moved = TestPlatform.start(); // where the platform's keys move to, with a key of its own
        a = moodle.register(registry);
        b = otherPlatform("b");
    }

    @AfterEach
    void stop() {
        moodle.close();
        moved.close();
    }

    @Test
    void aNewKeysetUrlIsShownWithBothKeysThumbprintsAndNothingChangesUntilConfirm() throws Exception {
        String operator = operatorSession();
        String before = snapshot();

        HttpResponse<String> review = post(operator + "/admin/platforms/" + a.id(), endpoints(a.name(), moved.jwksUrl()));

        assertThat(review.statusCode()).isEqualTo(200);
        String page = HtmlUtils.htmlUnescape(review.body());
        assertThat(page).contains("Confirm new endpoints", "Nothing has changed yet", moodle.jwksUrl(), moved.jwksUrl(),
                moodle.key.computeThumbprint().toString(), moved.key.computeThumbprint().toString());
        assertThat(snapshot()).as("nothing changes before Confirm").isEqualTo(before);
        assertThat(launchSignedWith(moved)).as("the new keys are not trusted yet").isNotEqualTo(302);

        HttpResponse<String> confirmed = post(operator + "/admin/platforms/" + a.id() + "/endpoints",
                hiddenFields(review.body(), "confirm-endpoints"));

        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("?done=endpoints-changed");
        assertThat(registry.find(a.id()).orElseThrow().jwksUri()).isEqualTo(moved.jwksUrl());
        assertThat(launchSignedWith(moved)).as("launches signed with the confirmed keys work").isEqualTo(302);
    }

    @Test
    void keysThatCannotBeFetchedAreShownPlainlyOnTheReviewPage() throws Exception {
        String operator = operatorSession();

        HttpResponse<String> review = post(operator + "/admin/platforms/" + a.id(), endpoints(a.name(), "http://127.0.0.1:1/certs"));

        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(review.body())).contains("the keys could not be fetched", moodle.key.computeThumbprint().toString());
        assertThat(registry.find(a.id()).orElseThrow().jwksUri()).isEqualTo(moodle.jwksUrl());
    }

    @Test
    void aRenameAloneIsSavedAtOnce() throws Exception {
        HttpResponse<String> saved = post(operatorSession() + "/admin/platforms/" + a.id(), endpoints("College Moodle", moodle.jwksUrl()));

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(registry.find(a.id()).orElseThrow().name()).isEqualTo("College Moodle");
    }

    @Test
    void theCentreAdminOfThePlatformMayConfirmAndAnotherCentresAdminGets404() throws Exception {
        String centreAdminOfA = launchSession(moodle, INSTITUTION_ADMIN, INSTRUCTOR);
        String before = snapshot();

        for (String path : List.of("/admin/platforms/" + b.id(), "/admin/platforms/" + b.id() + "/endpoints")) {
            Map<String, String> form = endpoints(b.name(), moved.jwksUrl());
            form.put("reviewedAuthorizationEndpoint", b.authorizationEndpoint());
            form.put("reviewedTokenEndpoint", b.tokenEndpoint());
            form.put("reviewedJwksUri", b.jwksUri());
            assertThat(post(centreAdminOfA + path, form).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(snapshot()).as("refusals change nothing").isEqualTo(before);

        HttpResponse<String> review = post(centreAdminOfA + "/admin/platforms/" + a.id(), endpoints(a.name(), moved.jwksUrl()));
        assertThat(post(centreAdminOfA + "/admin/platforms/" + a.id() + "/endpoints", hiddenFields(review.body(), "confirm-endpoints"))
                .statusCode()).isEqualTo(303);
        assertThat(registry.find(a.id()).orElseThrow().jwksUri()).isEqualTo(moved.jwksUrl());
    }

    @Test
    void aConfirmationOfEndpointsThatChangedSinceTheReviewIsRefused() throws Exception {
        String operator = operatorSession();
        HttpResponse<String> review = post(operator + "/admin/platforms/" + a.id(), endpoints(a.name(), moved.jwksUrl()));
        registry.update(a.id(), a.name(), a.authorizationEndpoint(), a.tokenEndpoint(), moodle.issuer + "/elsewhere/certs");
        String before = snapshot();

        HttpResponse<String> stale = post(operator + "/admin/platforms/" + a.id() + "/endpoints", hiddenFields(review.body(), "confirm-endpoints"));

        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(stale.body())).contains("changed after you reviewed this change");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theFormRefusesUrlsThatAreNotHttpsOrPoseAsAnotherSite() throws Exception {
        String operator = operatorSession();
        String before = snapshot();
        Map<String, String> cases = Map.of(
                "https://canvas.instructure.com@evil.example/certs", "has a user name before '@'",
                "http://lms.example.ac.uk/certs", "uses http://, which is allowed only for a test server on this machine",
                "javascript:alert(1)", "is not a web address");

        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> refused = post(operator + "/admin/platforms/" + a.id(), endpoints(a.name(), c.getKey()));

            assertThat(refused.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(AdminPagesTest.fieldError(refused.body(), "jwksUri")).as(c.getKey()).contains(c.getValue());
        }
        HttpResponse<String> added = post(operator + "/admin/platforms", Map.of("issuer", "https://lms.college.ac.uk@evil.example",
                "clientId", "c", "name", "N", "authorizationEndpoint", "https://evil.example/auth", "tokenEndpoint", "https://evil.example/token",
                "jwksUri", "https://evil.example/certs", "deploymentIds", "1"));
        assertThat(added.statusCode()).isEqualTo(400);
        assertThat(AdminPagesTest.fieldError(added.body(), "issuer")).contains("has a user name before '@'");
        assertThat(snapshot()).isEqualTo(before);
    }

    private Map<String, String> endpoints(String name, String jwksUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("authorizationEndpoint", a.authorizationEndpoint());
        form.put("tokenEndpoint", a.tokenEndpoint());
        form.put("jwksUri", jwksUri);
        return form;
    }

    /** A learner launch from the registered platform signed with this other platform's key; the launch's status. */
    private int launchSignedWith(TestPlatform keyHolder) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build(), keyHolder.key, JWSAlgorithm.RS256);
        return moodle.launch(baseUrl(), idToken, auth.state()).statusCode();
    }
}
