package org.attest.tool.lti;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two shapes of launch real platforms send, end to end over HTTP: Moodle (aud a plain string,
 * no azp, a 302 to the platform at login) and Canvas (one issuer shared by every registration, aud
 * an array with azp, and the LTI client-side postMessage storage instead of cookies). Roles must
 * come out the same from both.
 */
class PlatformShapesLaunchTest extends IntegrationTest {

    private static final String LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
    private static final Pattern ROLE = Pattern.compile("<strong id=\"role\">([^<]*)</strong>");
    private static final Pattern SESSION = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    private static final Pattern AUTH_URL = Pattern.compile("data-auth-url=\"([^\"]+)\"");

    @Autowired
    PlatformRegistry registry;

    @Autowired
    JdbcClient jdbc;

    CanvasPlatform canvas;

    @BeforeEach
    void startCanvas() throws Exception {
        canvas = CanvasPlatform.start();
    }

    @AfterEach
    void stopCanvas() {
        canvas.close();
    }

    // ---------------------------------------------------------------- Moodle

    static Stream<Arguments> moodleRoles() {
        return Stream.of(
                Arguments.of("learner", List.of(LIS + "membership#Learner"), "LEARNER"),
                Arguments.of("teacher", List.of(LIS + "membership#Instructor"), "ASSESSOR"),
                Arguments.of("non-editing teacher", List.of(LIS + "membership/Instructor#TeachingAssistant"), "ASSESSOR"),
                Arguments.of("site administrator", List.of(LIS + "institution/person#Administrator", LIS + "system/person#Administrator"),
                        "CENTRE_ADMIN"),
                Arguments.of("site administrator teaching the course", List.of(LIS + "institution/person#Administrator",
                        LIS + "membership#Instructor", LIS + "system/person#Administrator"), "ASSESSOR, CENTRE_ADMIN"),
                Arguments.of("guest", List.of(), "none (ask your centre to check your course role)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moodleRoles")
    void moodleLaunchWithPlainAudienceAndNoAzpSignsInWithTheMappedRole(String who, List<String> roles, String shownRole) throws Exception {
        try (TestPlatform moodle = TestPlatform.start()) {
            moodle.register(registry);
            TestPlatform.AuthRequest auth = moodle.login(baseUrl());
            assertThat(auth.status()).isEqualTo(302);
            JWTClaimsSet claims = moodle.resourceLinkClaims(baseUrl(), auth.nonce()).claim(LaunchClaims.LTI + "roles", roles).build();
            assertThat(claims.toJSONObject().get("aud")).isEqualTo(moodle.clientId);
            assertThat(claims.getClaim("azp")).isNull();

            HttpResponse<String> launch = moodle.launch(baseUrl(), moodle.sign(claims), auth.state());

            assertThat(launch.statusCode()).isEqualTo(302);
            HttpResponse<String> page = TestPlatform.getPage(baseUrl() + launch.headers().firstValue("Location").orElseThrow() + "about");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sam Student", "LTI Lab Course", moodle.issuer);
            assertThat(shownRole(page.body())).isEqualTo(shownRole);
        }
    }

    // ---------------------------------------------------------------- Canvas

    @Test
    void canvasRegistrationsSharingOneIssuerEachLaunchWithTheirOwnClientId() throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);
        CanvasPlatform.Registration school = canvas.register(registry);

        for (CanvasPlatform.Registration registration : List.of(college, school)) {
            HttpResponse<String> page = storageLaunch(registration, CanvasPlatform.STUDENT);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Casey Canvas", "Customer Service Level 2", CanvasPlatform.ISSUER,
                    "deployment <span>" + registration.deploymentId() + "</span>");
            assertThat(shownRole(page.body())).isEqualTo("LEARNER");
        }
    }

    @Test
    void canvasLoginWithoutClientIdIsRefusedAskingForIt() throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);
        canvas.register(registry);
        Map<String, String> noClientId = new HashMap<>();
        noClientId.put("client_id", null);

        HttpResponse<String> login = CanvasPlatform.login(baseUrl(), college, noClientId);

        assertThat(login.statusCode()).isEqualTo(400);
        assertThat(AttackCases.reason(login.body())).isEqualTo(LaunchFailure.LOGIN_PARAMETER_MISSING.name());
        assertThat(AttackCases.detail(login.body())).contains("issuer " + CanvasPlatform.ISSUER + " has",
                "registrations; the platform must send client_id with the login");
        assertThat(login.headers().firstValue("Location")).isEmpty();
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void loginOfferingStorageTargetAnswersWithAPageThatPutsStateAndNonceInThePlatformsStorage() throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);

        HttpResponse<String> login = CanvasPlatform.login(baseUrl(), college, Map.of());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Location")).isEmpty();
        assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
        String body = login.body();
        String state = CanvasPlatform.stateFromLoginPage(body);
        String nonce = CanvasPlatform.nonceFromLoginPage(body);
        assertThat(body).contains("src=\"/js/login-storage.js\"", "data-storage-target=\"" + CanvasPlatform.STORAGE_TARGET + "\"",
                "data-platform-origin=\"https://sso.canvaslms.com\"");
        assertThat(TestPlatform.getPage(baseUrl() + "/js/login-storage.js").body()).contains("lti.put_data", "postMessage");
        String authUrl = authUrl(body);
        assertThat(authUrl).startsWith(CanvasPlatform.AUTHORIZATION_ENDPOINT + "?")
                .contains("client_id=" + college.clientId(), "state=" + state, "nonce=" + nonce, "response_mode=form_post",
                        "redirect_uri=" + baseUrl() + "/lti/launch");
        assertThat(jdbc.sql("SELECT storage_target FROM login_state WHERE state = ?").param(state).query(String.class).single())
                .isEqualTo(CanvasPlatform.STORAGE_TARGET);
    }

    @Test
    void launchAfterAStorageLoginChecksTheBrowserThroughThePlatformsStorageBeforeSigningIn() throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);
        String loginPage = CanvasPlatform.login(baseUrl(), college, Map.of()).body();
        String state = CanvasPlatform.stateFromLoginPage(loginPage);
        String nonce = CanvasPlatform.nonceFromLoginPage(loginPage);
        String idToken = canvas.sign(canvas.claims(baseUrl(), college, nonce, CanvasPlatform.TEACHER).build());

        HttpResponse<String> launch = TestPlatform.post(baseUrl() + "/lti/launch", Map.of("id_token", idToken, "state", state));

        assertThat(launch.statusCode()).isEqualTo(200);
        assertThat(launch.headers().firstValue("Location")).isEmpty();
        assertThat(launch.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(launch.body()).contains("src=\"/js/launch-storage.js\"", "/lti/launch/confirm",
                "data-storage-target=\"" + CanvasPlatform.STORAGE_TARGET + "\"");
        assertThat(TestPlatform.getPage(baseUrl() + "/js/launch-storage.js").body()).contains("lti.get_data");
        String session = session(launch.body());
        assertThat(TestPlatform.getPage(baseUrl() + "/s/" + session + "/").statusCode())
                .as("not signed in before the storage confirms the browser").isEqualTo(401);

        HttpResponse<String> confirm = TestPlatform.post(baseUrl() + "/lti/launch/confirm", Map.of("session", session, "state", state));

        assertThat(confirm.statusCode()).isEqualTo(302);
        assertThat(confirm.headers().firstValue("Location")).hasValue("/s/" + session + "/");
        assertThat(confirm.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> page = TestPlatform.getPage(baseUrl() + "/s/" + session + "/about");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Casey Canvas", "Customer Service Level 2");
        assertThat(shownRole(page.body())).isEqualTo("ASSESSOR");
    }

    @Test
    void confirmingWithAnotherStateIsRefusedAsAnotherBrowserAndEndsTheLaunch() throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);
        String loginPage = CanvasPlatform.login(baseUrl(), college, Map.of()).body();
        String state = CanvasPlatform.stateFromLoginPage(loginPage);
        String idToken = canvas.sign(canvas.claims(baseUrl(), college, CanvasPlatform.nonceFromLoginPage(loginPage),
                CanvasPlatform.STUDENT).build());
        String session = session(TestPlatform.post(baseUrl() + "/lti/launch", Map.of("id_token", idToken, "state", state)).body());

        HttpResponse<String> confirm = TestPlatform.post(baseUrl() + "/lti/launch/confirm",
                Map.of("session", session, "state", "state-from-another-browser"));

        assertThat(confirm.statusCode()).isEqualTo(401);
        assertThat(AttackCases.reason(confirm.body())).isEqualTo(LaunchFailure.BROWSER_MISMATCH.name());
        assertThat(AttackCases.detail(confirm.body())).contains("does not hold the state this launch began with");
        assertThat(confirm.headers().firstValue("Location")).isEmpty();
        assertThat(confirm.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> retry = TestPlatform.post(baseUrl() + "/lti/launch/confirm", Map.of("session", session, "state", state));
        assertThat(retry.statusCode()).as("the launch is over, even with the right state").isEqualTo(401);
        assertThat(AttackCases.reason(retry.body())).isEqualTo(LaunchFailure.BROWSER_MISMATCH.name());
        assertThat(TestPlatform.getPage(baseUrl() + "/s/" + session + "/").statusCode()).isEqualTo(401);
    }

    static Stream<Arguments> canvasRoles() {
        return Stream.of(
                Arguments.of("student", CanvasPlatform.STUDENT, "LEARNER"),
                Arguments.of("teacher", CanvasPlatform.TEACHER, "ASSESSOR"),
                Arguments.of("TA", List.of(LIS + "institution/person#Instructor", LIS + "membership/Instructor#TeachingAssistant",
                        LIS + "system/person#User"), "ASSESSOR"),
                Arguments.of("account admin", CanvasPlatform.ACCOUNT_ADMIN, "CENTRE_ADMIN"),
                Arguments.of("observer", List.of(LIS + "membership#Mentor", LIS + "system/person#User"),
                        "none (ask your centre to check your course role)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canvasRoles")
    void canvasLaunchWithAudienceArrayAndAzpSignsInWithTheMappedRole(String who, List<String> roles, String shownRole) throws Exception {
        CanvasPlatform.Registration college = canvas.register(registry);

        HttpResponse<String> page = storageLaunch(college, roles);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(shownRole(page.body())).isEqualTo(shownRole);
    }

    // ---------------------------------------------------------------- helpers

    /** Login with storage, launch, confirm the state from storage; returns the landing page. */
    private HttpResponse<String> storageLaunch(CanvasPlatform.Registration registration, List<String> roles) throws Exception {
        HttpResponse<String> login = CanvasPlatform.login(baseUrl(), registration, Map.of());
        assertThat(login.statusCode()).as("login page: %s", login.body()).isEqualTo(200);
        String state = CanvasPlatform.stateFromLoginPage(login.body());
        String nonce = CanvasPlatform.nonceFromLoginPage(login.body());
        JWTClaimsSet claims = canvas.claims(baseUrl(), registration, nonce, roles).build();
        assertThat(claims.getAudience()).containsExactly(registration.clientId());
        assertThat(claims.getClaim("azp")).isEqualTo(registration.clientId());

        HttpResponse<String> launch = TestPlatform.post(baseUrl() + "/lti/launch", Map.of("id_token", canvas.sign(claims), "state", state));
        assertThat(launch.statusCode()).as("launch page: %s", launch.body()).isEqualTo(200);
        String session = session(launch.body());
        HttpResponse<String> confirm = TestPlatform.post(baseUrl() + "/lti/launch/confirm", Map.of("session", session, "state", state));
        assertThat(confirm.statusCode()).isEqualTo(302);
        return TestPlatform.getPage(baseUrl() + confirm.headers().firstValue("Location").orElseThrow() + "about");
    }

    private static String shownRole(String page) {
        Matcher m = ROLE.matcher(page);
        assertThat(m.find()).as("role on the landing page: %s", page).isTrue();
        return AttackCases.unescape(m.group(1));
    }

    private static String session(String launchPage) {
        Matcher m = SESSION.matcher(launchPage);
        assertThat(m.find()).as("session on the storage-check page: %s", launchPage).isTrue();
        return m.group(1);
    }

    /** The platform authorization URL the storage page goes to, from its script's data attribute. */
    private static String authUrl(String loginPage) {
        Matcher m = AUTH_URL.matcher(loginPage);
        assertThat(m.find()).as("authUrl on the storage page: %s", loginPage).isTrue();
        return URLDecoder.decode(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)), StandardCharsets.UTF_8);
    }
}
