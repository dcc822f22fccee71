package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole OIDC login and launch over real HTTP, with a Moodle-shaped platform played by WireMock. */
class LaunchFlowTest extends IntegrationTest {

    @Autowired
    PlatformRegistry registry;

    TestPlatform moodle;

    @BeforeEach
    void registerPlatform() throws Exception {
        moodle = TestPlatform.start();
        moodle.register(registry);
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void loginRedirectsToThePlatformWithEveryRequiredParameter() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        assertThat(auth.status()).isEqualTo(302);
        assertThat(auth.location()).startsWith(moodle.authUrl() + "?");
        assertThat(auth.params()).containsEntry("scope", "openid").containsEntry("response_type", "id_token")
                .containsEntry("response_mode", "form_post").containsEntry("prompt", "none")
                .containsEntry("client_id", moodle.clientId).containsEntry("redirect_uri", baseUrl() + "/lti/launch")
                .containsEntry("login_hint", "4")
                .containsEntry("lti_message_hint", "{\"cmid\":2,\"launchid\":\"ltilaunch1_2041047989\"}");
        assertThat(auth.state()).hasSizeGreaterThan(20);
        assertThat(auth.nonce()).hasSizeGreaterThan(20).isNotEqualTo(auth.state());
    }

    @Test
    void theRedirectToThePlatformIsAValidUriWithMoodlesJsonMessageHintEscaped() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());

        // Moodle's lti_message_hint is JSON: its braces and quotes must leave percent-encoded, or the Location is no URI
        // (java.net.URI, and HAProxy's and other strict clients' parsers, refuse it; only lenient browsers repair it).
        assertThat(auth.location()).doesNotContain("{", "}", "\"");
        assertThat(java.net.URI.create(auth.location()).getRawQuery()).contains("lti_message_hint=%7B%22cmid%22%3A2");
    }

    @Test
    void moodleLearnerLaunchSignsInAndShowsUserCourseAndRole() throws Exception {
        HttpResponse<String> launch = moodle.fullLaunch(baseUrl());

        assertThat(launch.statusCode()).isEqualTo(302);
        String location = launch.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/s/[A-Za-z0-9_-]{64}/");
        assertThat(launch.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + location);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sam Student", "LTI Lab Course", "LEARNER");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void replayedLaunchIsRefusedWithoutASession() throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = moodle.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).build());
        assertThat(moodle.launch(baseUrl(), idToken, auth.state()).statusCode()).isEqualTo(302);

        HttpResponse<String> replay = moodle.launch(baseUrl(), idToken, auth.state());

        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("STATE_UNKNOWN", "start it from the LMS again");
        assertThat(replay.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void pagesOfAnUnknownSessionSayTheSessionEnded() throws Exception {
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + "/s/" + "x".repeat(64) + "/");

        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("Your Attest session has ended");
    }

    @Test
    void instructorDeepLinkingReturnsASignedResponseNamingTheUnit() throws Exception {
        SignedJWT jwt = deepLinkingResponse(Map.of("data", "opaque-platform-data-42"));

        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(moodle.clientId);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(moodle.issuer);
        assertThat(jwt.getJWTClaimsSet().getClaim(LaunchClaims.LTI + "message_type")).isEqualTo("LtiDeepLinkingResponse");
        assertThat(jwt.getJWTClaimsSet().getClaim(LaunchClaims.LTI + "deployment_id")).isEqualTo("1");
        List<?> items = (List<?>) jwt.getJWTClaimsSet().getClaim(LaunchClaims.DL + "content_items");
        assertThat(items).singleElement().satisfies(item -> {
            Map<?, ?> link = (Map<?, ?>) item;
            assertThat(link.get("type")).isEqualTo("ltiResourceLink");
            assertThat(link.get("title")).isEqualTo("Unit 224 Support customers using online customer services");
            assertThat(((Map<?, ?>) link.get("custom")).get("attest_unit")).isEqualTo("224");
            Map<?, ?> column = (Map<?, ?>) link.get("lineItem");
            assertThat(column).as("the unit's grade column").isNotNull();
            assertThat(column.get("label")).isEqualTo("Unit 224 Support customers using online customer services");
            assertThat(column.get("scoreMaximum")).isEqualTo(100.0);
            assertThat(column.get("resourceId")).isEqualTo("224");
            assertThat(column.get("tag")).isEqualTo("unit");
        });
        assertThat(jwt.getJWTClaimsSet().getClaim(LaunchClaims.DL + "data")).isEqualTo("opaque-platform-data-42");
    }

    @Test
    void deepLinkingLeavesOutTheGradeColumnWhenThePlatformDoesNotAcceptOne() throws Exception {
        SignedJWT jwt = deepLinkingResponse(Map.of("accept_lineitem", false));

        List<?> items = (List<?>) jwt.getJWTClaimsSet().getClaim(LaunchClaims.DL + "content_items");
        assertThat(items).singleElement().satisfies(item -> assertThat(((Map<?, ?>) item).containsKey("lineItem")).isFalse());
    }

    /** An instructor's deep-linking launch with these settings changed, Unit 224 picked, and the verified response. */
    private SignedJWT deepLinkingResponse(Map<String, Object> settingsChanges) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        com.nimbusds.jwt.JWTClaimsSet request = moodle.deepLinkingClaims(baseUrl(), auth.nonce()).build();
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = new java.util.LinkedHashMap<>((Map<String, Object>) request.getClaim(LaunchClaims.DL + "deep_linking_settings"));
        settings.putAll(settingsChanges);
        String idToken = moodle.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(request)
                .claim(LaunchClaims.DL + "deep_linking_settings", settings).build());
        String location = moodle.launch(baseUrl(), idToken, auth.state()).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> picker = TestPlatform.getPage(baseUrl() + location);
        assertThat(picker.body()).contains("Add a unit to", "Unit 224 Support customers using online customer services");
        Matcher value = Pattern.compile("name=\"unit\"[^>]*value=\"([^\"]+:224)\"").matcher(picker.body());
        assertThat(value.find()).isTrue();

        HttpResponse<String> response = TestPlatform.post(baseUrl() + location + "deep-linking", Map.of("unit", value.group(1)));

        Matcher form = Pattern.compile("action=\"([^\"]+)\".*name=\"JWT\" value=\"([^\"]+)\"", Pattern.DOTALL).matcher(response.body());
        assertThat(form.find()).isTrue();
        assertThat(form.group(1).replace("&amp;", "&")).startsWith("http://127.0.0.1:" + moodle.server.port() + "/moodle/mod/lti/contentitem_return.php");
        SignedJWT jwt = SignedJWT.parse(form.group(2));
        JWKSet toolKeys = JWKSet.parse(TestPlatform.getPage(baseUrl() + "/.well-known/jwks.json").body());
        RSAKey signingKey = (RSAKey) toolKeys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(signingKey))).isTrue();
        return jwt;
    }
}
