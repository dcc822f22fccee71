package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin pages as the operator and a centre administrator use them. */
class AdminPagesTest extends AdminIntegrationTest {

    TestPlatform moodle;
    Platform a;
    String operator;

    @BeforeEach
    void platformAndOperator() throws Exception {
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        operator = operatorSession();
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void operatorAddsAPlatformByHandAndSeesItListed() throws Exception {
        String issuer = "https://moodle-" + System.nanoTime() + ".college.ac.uk";
        assertThat(get(operator + "/admin/platforms/new").body()).contains("Add a platform by hand", "name=\"issuer\"", "name=\"deploymentIds\"");

        HttpResponse<String> added = post(operator + "/admin/platforms", platformForm(issuer, "abc123", "College Moodle", " 4, 5 ,,4"));

        assertThat(added.statusCode()).isEqualTo(303);
        Platform platform = registry.find(issuer, "abc123").orElseThrow();
        assertThat(added.headers().firstValue("Location")).contains(operator + "/admin/platforms/" + platform.id() + "?done=created");
        assertThat(platform.registeredBy()).isEqualTo(Platform.RegisteredBy.MANUAL);
        assertThat(platform.enabled()).isTrue();
        assertThat(platform.deployments()).extracting(Platform.Deployment::deploymentId).containsExactly("4", "5");
        assertThat(platform.tokenEndpoint()).isEqualTo(issuer + "/mod/lti/token.php");
        String row = row(get(operator + "/admin").body(), platform);
        assertThat(row).contains("College Moodle", issuer, "abc123", "4", "5", "Yes", "By hand");
        assertThat(get(operator + "/admin/platforms/" + platform.id() + "?done=created").body()).contains("Platform added.");
    }

    @Test
    void manualRegistrationShowsEachProblemNextToItsFieldAndSavesNothing() throws Exception {
        String before = snapshot();
        Map<String, String> form = new java.util.HashMap<>(platformForm("", "", "", ""));
        form.put("authorizationEndpoint", "ftp://moodle.college.ac.uk/mod/lti/auth.php");
        form.put("tokenEndpoint", "moodle.college.ac.uk/mod/lti/token.php");
        form.put("jwksUri", " ");

        HttpResponse<String> response = post(operator + "/admin/platforms", form);

        assertThat(response.statusCode()).isEqualTo(400);
        String page = response.body();
        assertThat(page).contains("Nothing was saved.");
        assertThat(fieldError(page, "issuer")).startsWith("Issuer is blank: enter the platform ID");
        assertThat(fieldError(page, "clientId")).startsWith("Client id is blank");
        assertThat(fieldError(page, "name")).startsWith("Name is blank");
        assertThat(fieldError(page, "authorizationEndpoint"))
                .isEqualTo("Authorisation URL 'ftp://moodle.college.ac.uk/mod/lti/auth.php' is not a web address: it must start with https:// (or http://localhost on a test server)");
        assertThat(fieldError(page, "tokenEndpoint")).startsWith("Access token URL 'moodle.college.ac.uk/mod/lti/token.php' is not a web address");
        assertThat(fieldError(page, "jwksUri")).startsWith("Public keyset URL is blank");
        assertThat(page).contains("value=\"ftp://moodle.college.ac.uk/mod/lti/auth.php\"");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void manualRegistrationOfAnIssuerAndClientIdAlreadyRegisteredNamesThatPlatform() throws Exception {
        String before = snapshot();

        HttpResponse<String> response = post(operator + "/admin/platforms", platformForm(moodle.issuer, moodle.clientId, "Again", "9"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fieldError(response.body(), "clientId")).isEqualTo("A platform with issuer " + moodle.issuer + " and client id "
                + moodle.clientId + " is already registered: Test Moodle (" + moodle.issuer + ", client " + moodle.clientId
                + "); edit that one instead");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void disablingAPlatformRefusesItsNextLaunchUntilItIsEnabledAgain() throws Exception {
        String centreAdmin = launchSession(moodle, INSTITUTION_ADMIN);
        TestPlatform.AuthRequest begun = moodle.login(baseUrl());

        HttpResponse<String> disabled = post(centreAdmin + "/admin/platforms/" + a.id() + "/enabled", Map.of("enabled", "false"));

        assertThat(disabled.statusCode()).isEqualTo(303);
        assertThat(get(centreAdmin + "/admin/platforms/" + a.id() + "?done=disabled").body())
                .contains("Disabled: launches are refused", "Enable this platform");
        HttpResponse<String> launch = moodle.launch(baseUrl(), moodle.sign(moodle.resourceLinkClaims(baseUrl(), begun.nonce()).build()),
                begun.state());
        assertThat(launch.statusCode()).isEqualTo(403);
        assertThat(launch.body()).contains("PLATFORM_DISABLED", "is disabled by the centre administrator");
        TestPlatform.AuthRequest login = moodle.login(baseUrl());
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body()).contains("PLATFORM_DISABLED");

        post(operator + "/admin/platforms/" + a.id() + "/enabled", Map.of("enabled", "true"));
        assertThat(moodle.fullLaunch(baseUrl()).statusCode()).isEqualTo(302);
    }

    @Test
    void deploymentsAreAddedAndRemovedAndARemovedOneNoLongerLaunches() throws Exception {
        String centreAdmin = launchSession(moodle, INSTITUTION_ADMIN);
        String platformPage = centreAdmin + "/admin/platforms/" + a.id();

        assertThat(post(platformPage + "/deployments", Map.of("deploymentId", "27", "deploymentName", "Northgate campus")).statusCode())
                .isEqualTo(303);
        assertThat(get(platformPage).body()).contains("27", "Northgate campus");
        HttpResponse<String> again = post(platformPage + "/deployments", Map.of("deploymentId", "27"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(fieldError(again.body(), "deploymentId")).isEqualTo("Deployment '27' is already registered for " + a.describe());
        HttpResponse<String> blank = post(platformPage + "/deployments", Map.of("deploymentId", " "));
        assertThat(fieldError(blank.body(), "deploymentId")).startsWith("Deployment id is blank");

        assertThat(post(platformPage + "/deployments/remove", Map.of("deploymentId", "1")).statusCode()).isEqualTo(303);

        assertThat(registry.find(a.id()).orElseThrow().deployments()).extracting(Platform.Deployment::deploymentId).containsExactly("27");
        TestPlatform.AuthRequest login = moodle.login(baseUrl());
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body()).contains("DEPLOYMENT_UNKNOWN");
    }

    @Test
    void editingAPlatformSavesNameAndEndpointsAndForgetsItsCachedKeys() throws Exception {
        assertThat(moodle.fullLaunch(baseUrl()).statusCode()).isEqualTo(302); // the platform's keys are now cached
        // The platform changes its key until Attest, which refetches at most once per attest.lti.jwks-refresh-interval, refuses it.
        RSAKey newKey;
        int published = 0;
        do {
            newKey = TestPlatform.newKey();
            moodle.publish(new JWKSet(newKey.toPublicJWK()));
            published++;
        } while (launchSessionSignedWith(newKey) != null && published < 3);
        assertThat(launchSessionSignedWith(newKey)).as("a key published after the last fetch is refused").isNull();

        HttpResponse<String> review = post(operator + "/admin/platforms/" + a.id(), Map.of("name", "Moodle (renamed)",
                "authorizationEndpoint", moodle.authUrl(), "tokenEndpoint", moodle.issuer + "/mod/lti/token2.php", "jwksUri", moodle.jwksUrl()));
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("Confirm new endpoints");
        assertThat(registry.find(a.id()).orElseThrow().tokenEndpoint()).as("nothing changes before Confirm").isEqualTo(a.tokenEndpoint());

        HttpResponse<String> saved = post(operator + "/admin/platforms/" + a.id() + "/endpoints", hiddenFields(review.body(), "confirm-endpoints"));

        assertThat(saved.statusCode()).isEqualTo(303);
        Platform edited = registry.find(a.id()).orElseThrow();
        assertThat(edited.name()).isEqualTo("Moodle (renamed)");
        assertThat(edited.tokenEndpoint()).isEqualTo(moodle.issuer + "/mod/lti/token2.php");
        assertThat(edited.issuer()).isEqualTo(a.issuer());
        assertThat(launchSessionSignedWith(newKey)).as("saving forgot the cached keys").isNotNull();
    }

    @Test
    void editingWithABadUrlShowsTheProblemAndKeepsTheSavedValues() throws Exception {
        HttpResponse<String> response = post(operator + "/admin/platforms/" + a.id(), Map.of("name", "",
                "authorizationEndpoint", moodle.authUrl(), "tokenEndpoint", "javascript:alert(1)", "jwksUri", moodle.jwksUrl()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fieldError(response.body(), "name")).startsWith("Name is blank");
        assertThat(fieldError(response.body(), "tokenEndpoint")).startsWith("Access token URL 'javascript:alert(1)' is not a web address");
        assertThat(registry.find(a.id()).orElseThrow().name()).isEqualTo("Test Moodle");
    }

    @Test
    void lmsPageShowsTheValuesToPasteAndAOneTimeRegistrationUrl() throws Exception {
        HttpResponse<String> page = get(operator + "/admin/lms");

        assertThat(page.body()).contains(baseUrl() + "/lti/login", baseUrl() + "/lti/launch", baseUrl() + "/.well-known/jwks.json",
                baseUrl() + "/lti/canvas.json").doesNotContain("id=\"open-registration-url\"");

        HttpResponse<String> made = post(operator + "/admin/registration-urls", Map.of());

        assertThat(made.statusCode()).isEqualTo(200);
        Matcher url = Pattern.compile("id=\"one-time-url\">" + Pattern.quote(baseUrl()) + "/lti/register/([A-Za-z0-9_-]+)<").matcher(made.body());
        assertThat(url.find()).isTrue();
        assertThat(oneTimeTokens.isValid(url.group(1), OneTimeTokens.Purpose.REGISTRATION)).isTrue();
        assertThat(made.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void rotatingKeysShowsANewCurrentKeyAndKeepsPublishingTheOldOne() throws Exception {
        String before = get(operator + "/admin/keys").body();
        String oldCurrent = kid(before, "CURRENT");
        String oldNext = kid(before, "NEXT");

        HttpResponse<String> rotated = post(operator + "/admin/keys/rotate", Map.of());

        assertThat(rotated.statusCode()).isEqualTo(303);
        String after = get(rotated.headers().firstValue("Location").orElseThrow()).body();
        assertThat(after).contains("Keys rotated");
        assertThat(kid(after, "CURRENT")).isEqualTo(oldNext).isNotEqualTo(oldCurrent);
        assertThat(kid(after, "RETIRING")).isEqualTo(oldCurrent);
        assertThat(kid(after, "NEXT")).isNotIn(oldCurrent, oldNext);
        JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
        assertThat(published.getKeys()).extracting(k -> k.getKeyID()).contains(oldCurrent, oldNext, kid(after, "NEXT"));
    }

    /** A centre admin launch signed with another key; the session's base path, or null if the launch was refused. */
    private String launchSessionSignedWith(RSAKey key) throws Exception {
        TestPlatform.AuthRequest auth = moodle.login(baseUrl());
        String idToken = TestPlatform.sign(moodle.resourceLinkClaims(baseUrl(), auth.nonce()).claim(ROLES, List.of(INSTITUTION_ADMIN)).build(),
                key, JWSAlgorithm.RS256);
        HttpResponse<String> launch = moodle.launch(baseUrl(), idToken, auth.state());
        return launch.statusCode() == 302 ? launch.headers().firstValue("Location").orElseThrow() : null;
    }

    static String fieldError(String page, String field) {
        Matcher m = Pattern.compile("id=\"" + field + "-error\">([^<]*)<").matcher(page);
        return m.find() ? org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)) : "(no error shown for " + field + ")";
    }

    static String kid(String page, String status) {
        Matcher m = Pattern.compile("data-status=\"" + status + "\">\\s*<td[^>]*>([^<]+)</td>").matcher(page);
        return m.find() ? m.group(1) : "(no " + status + " key)";
    }

    static String row(String page, Platform platform) {
        Matcher m = Pattern.compile("<tr data-platform=\"" + platform.id() + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        return m.find() ? m.group(1).replaceAll("\\s+", " ") : "(no row for " + platform.id() + ")";
    }
}
