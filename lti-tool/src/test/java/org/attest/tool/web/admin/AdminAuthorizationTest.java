package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.attest.standards.Framework;
import org.attest.tool.lti.AdminScope;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.standards.CasePackages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * Every admin page and API route, requested by each kind of user: the operator may do everything,
 * a centre admin only what concerns the platform they launched from (A), never platform B's
 * platform, API tokens or frameworks, nor a tool-wide token or a tool-wide framework's versions;
 * everyone else nothing; and a refused request changes nothing in the database.
 */
class AdminAuthorizationTest extends AdminIntegrationTest {

    enum Who { OPERATOR, CENTRE_ADMIN_A, LEARNER, INSTRUCTOR, NO_SESSION, UNKNOWN_SESSION }

    /** One request; {@code {A}}, {@code {B}} and {@code {who}} in path and body are filled in per user. */
    record Route(String method, String path, String form, String json, int operator, int centreAdminOfA) {
        static Route page(String path, int operator, int centreAdmin) {
            return new Route("GET", path, null, null, operator, centreAdmin);
        }

        static Route form(String path, String form, int operator, int centreAdmin) {
            return new Route("POST", path, form, null, operator, centreAdmin);
        }

        static Route api(String method, String path, String json, int operator, int centreAdmin) {
            return new Route(method, path, null, json, operator, centreAdmin);
        }
    }

    static final String NEW_PLATFORM_FORM = "issuer=https://{who}-html.example.ac.uk&clientId=c1&name=New {who}"
            + "&authorizationEndpoint=https://lms.example/auth&tokenEndpoint=https://lms.example/token"
            + "&jwksUri=https://lms.example/certs&deploymentIds=1";
    static final String ENDPOINTS_FORM = "name=Renamed by {who}&authorizationEndpoint=https://lms.example/auth"
            + "&tokenEndpoint=https://lms.example/token&jwksUri=https://lms.example/{who}/certs";
    /** "Confirm" on the review page: the new endpoints, and the current ones as the administrator reviewed them. */
    static final String CONFIRM_FORM = ENDPOINTS_FORM + "&reviewedAuthorizationEndpoint={X.auth}&reviewedTokenEndpoint={X.token}"
            + "&reviewedJwksUri={X.jwks}";
    static final String NEW_PLATFORM_JSON = """
            {"issuer": "https://{who}-api.example.ac.uk", "clientId": "c1", "name": "API {who}",
             "authorizationEndpoint": "https://lms.example/auth", "tokenEndpoint": "https://lms.example/token",
             "jwksUri": "https://lms.example/certs", "deploymentIds": ["1"]}""";
    static final String ENDPOINTS_JSON = """
            {"name": "API rename by {who}", "authorizationEndpoint": "https://lms.example/auth",
             "tokenEndpoint": "https://lms.example/token", "jwksUri": "https://lms.example/{who}/api-certs"}""";

    static final List<Route> ROUTES = List.of(
            Route.page("/admin", 200, 200),
            Route.page("/admin/platforms/new", 200, 403),
            Route.form("/admin/platforms", NEW_PLATFORM_FORM, 303, 403),
            Route.page("/admin/platforms/{A}", 200, 200),
            Route.page("/admin/platforms/{B}", 200, 404),
            Route.form("/admin/platforms/{A}", "name=Renamed by {who}&authorizationEndpoint={A.auth}&tokenEndpoint={A.token}"
                    + "&jwksUri={A.jwks}", 303, 303),
            Route.form("/admin/platforms/{A}", ENDPOINTS_FORM, 200, 200),
            Route.form("/admin/platforms/{B}", ENDPOINTS_FORM, 200, 404),
            Route.form("/admin/platforms/{A}/endpoints", CONFIRM_FORM.replace("{X.", "{A."), 303, 303),
            Route.form("/admin/platforms/{B}/endpoints", CONFIRM_FORM.replace("{X.", "{B."), 303, 404),
            Route.form("/admin/platforms/{A}/enabled", "enabled=false", 303, 303),
            Route.form("/admin/platforms/{B}/enabled", "enabled=false", 303, 404),
            Route.form("/admin/platforms/{A}/deployments", "deploymentId=added-{who}", 303, 303),
            Route.form("/admin/platforms/{B}/deployments", "deploymentId=added-{who}", 303, 404),
            Route.form("/admin/platforms/{A}/deployments/remove", "deploymentId=gone-{who}", 303, 303),
            Route.form("/admin/platforms/{B}/deployments/remove", "deploymentId=gone-{who}", 303, 404),
            Route.page("/admin/lms", 200, 200),
            Route.form("/admin/registration-urls", "", 200, 403),
            Route.page("/admin/keys", 200, 200),
            Route.form("/admin/keys/rotate", "", 303, 403),
            Route.page("/admin/frameworks", 200, 200),
            Route.page("/admin/assessors", 200, 200),
            Route.page("/admin/iqa", 200, 200),
            Route.form("/admin/iqa", "platformId={B}&subject=never-launched&qualification=V1&active=true", 404, 404),
            Route.page("/admin/eqa", 200, 200),
            Route.form("/admin/eqa", "platformId={B}&name=&email=e@example.org&awardingBody=C and G", 400, 404),
            Route.form("/admin/eqa/00000000-0000-0000-0000-00000000e0a0/revoke", "", 404, 404),
            Route.form("/admin/eqa/00000000-0000-0000-0000-00000000e0a0/reissue", "", 404, 404),
            Route.form("/admin/eqa/00000000-0000-0000-0000-00000000e0a0/passkeys/00000000-0000-0000-0000-00000000e0a1/remove",
                    "", 404, 404),
            Route.page("/admin/gradebook", 200, 200),
            Route.form("/admin/gradebook/retry-failed", "platformId={A}", 303, 303),
            Route.form("/admin/gradebook/retry-failed", "platformId={B}", 303, 404),
            Route.form("/admin/frameworks/tokens", "label=made by {who}", 200, 200),
            Route.form("/admin/frameworks/tokens/delete", "id={tokenA}", 303, 303),
            Route.form("/admin/frameworks/tokens/delete", "id={tokenB}", 303, 404),
            Route.form("/admin/frameworks/tokens/delete", "id={toolToken}", 303, 404),
            Route.api("POST", "/admin/api/frameworks", "{frameworkOfB, version 2}", 201, 403),
            Route.api("POST", "/admin/api/frameworks", "{toolWideFramework, version 2}", 201, 403),
            Route.form("/admin/frameworks/{frameworkOfB}/tool-wide", "", 303, 403),
            Route.api("GET", "/admin/api/frameworks", null, 200, 200),
            Route.api("GET", "/admin/api/audit/verify", null, 200, 200),
            Route.api("POST", "/admin/api/frameworks", "{\"not\": \"a CASE package\"}", 400, 400),
            Route.api("GET", "/admin/api/platforms", null, 200, 200),
            Route.api("POST", "/admin/api/platforms", NEW_PLATFORM_JSON, 201, 403),
            Route.api("GET", "/admin/api/platforms/{A}", null, 200, 200),
            Route.api("GET", "/admin/api/platforms/{B}", null, 200, 404),
            Route.api("PUT", "/admin/api/platforms/{A}", ENDPOINTS_JSON, 409, 409),
            Route.api("PUT", "/admin/api/platforms/{B}", ENDPOINTS_JSON, 409, 404),
            Route.api("PUT", "/admin/api/platforms/{A}?confirm=true", ENDPOINTS_JSON, 200, 200),
            Route.api("PUT", "/admin/api/platforms/{B}?confirm=true", ENDPOINTS_JSON, 200, 404),
            Route.api("PATCH", "/admin/api/platforms/{A}", "{\"enabled\": false}", 200, 200),
            Route.api("PATCH", "/admin/api/platforms/{B}", "{\"enabled\": false}", 200, 404),
            Route.api("POST", "/admin/api/platforms/{A}/deployments", "{\"deploymentId\": \"api-added-{who}\"}", 201, 201),
            Route.api("POST", "/admin/api/platforms/{B}/deployments", "{\"deploymentId\": \"api-added-{who}\"}", 201, 404),
            Route.api("DELETE", "/admin/api/platforms/{A}/deployments/api-gone-{who}", null, 204, 204),
            Route.api("DELETE", "/admin/api/platforms/{B}/deployments/api-gone-{who}", null, 204, 404));

    TestPlatform moodle;
    Platform a;
    Platform b;
    Framework frameworkOfB;
    Framework toolWideFramework;
    final Map<Who, String> sessions = new EnumMap<>(Who.class);
    /** Labels tokens of this test apart from those of earlier tests in the same database. */
    final String run = java.util.UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void platformsAndPeople() throws Exception {
        moodle = TestPlatform.start();
        a = moodle.register(registry);
        b = otherPlatform("b");
        for (Who who : Who.values()) {
            for (Platform p : List.of(a, b)) {
                registry.addDeployment(p.id(), "gone-" + label(who), null);
                registry.addDeployment(p.id(), "api-gone-" + label(who), null);
            }
            apiTokens.create(AdminScope.centre(a.id()), tokenLabel("A", who), "setup", null);
            apiTokens.create(AdminScope.centre(b.id()), tokenLabel("B", who), "setup", null);
            apiTokens.create(AdminScope.TOOL, tokenLabel("tool", who), "setup", null);
        }
        frameworkOfB = importFramework(AdminScope.centre(b.id()), "centre B's");
        toolWideFramework = importFramework(AdminScope.TOOL, "tool-wide");
        sessions.put(Who.OPERATOR, operatorSession());
        sessions.put(Who.CENTRE_ADMIN_A, launchSession(moodle, INSTITUTION_ADMIN, INSTRUCTOR));
        sessions.put(Who.LEARNER, launchSession(moodle, LEARNER));
        sessions.put(Who.INSTRUCTOR, launchSession(moodle, INSTRUCTOR));
        sessions.put(Who.NO_SESSION, "/s/no-session");
        sessions.put(Who.UNKNOWN_SESSION, "/s/" + "u".repeat(64));
    }

    @AfterEach
    void stopPlatform() {
        moodle.close();
    }

    @Test
    void everyAdminRouteServesOnlyTheAdministratorsAllowedAndRefusalsChangeNothing() throws Exception {
        List<String> wrong = new ArrayList<>();
        // Refusals first, while every platform and deployment is as set up; then what is allowed.
        for (Who who : List.of(Who.NO_SESSION, Who.UNKNOWN_SESSION, Who.LEARNER, Who.INSTRUCTOR, Who.CENTRE_ADMIN_A, Who.OPERATOR)) {
            for (Route route : ROUTES) {
                int expected = expected(who, route);
                String before = snapshot();
                HttpResponse<String> response = send(who, route);
                if (response.statusCode() != expected) {
                    wrong.add(who + " " + route.method() + " " + route.path() + ": expected " + expected + ", got "
                            + response.statusCode() + " " + excerpt(response.body()));
                }
                if (expected >= 400 && !snapshot().equals(before)) {
                    wrong.add(who + " " + route.method() + " " + route.path() + " was refused but changed the database");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void centreAdminSeesTheirCentresTokensAndFrameworksAndTheToolWideFrameworksOnly() throws Exception {
        Framework frameworkOfA = importFramework(AdminScope.centre(a.id()), "centre A's");
        String centreAdmin = sessions.get(Who.CENTRE_ADMIN_A);

        String page = HtmlUtils.htmlUnescape(get(centreAdmin + "/admin/frameworks").body());
        List<String> listed = parse(json("GET", centreAdmin + "/admin/api/frameworks", null)).valueStream()
                .map(f -> f.path("title").asString()).toList();

        assertThat(page).contains(tokenLabel("A", Who.CENTRE_ADMIN_A), frameworkOfA.title(), toolWideFramework.title())
                .doesNotContain(tokenLabel("B", Who.CENTRE_ADMIN_A), tokenLabel("tool", Who.CENTRE_ADMIN_A), frameworkOfB.title());
        assertThat(listed).contains(frameworkOfA.title(), toolWideFramework.title()).doesNotContain(frameworkOfB.title());
        String all = HtmlUtils.htmlUnescape(get(sessions.get(Who.OPERATOR) + "/admin/frameworks").body());
        assertThat(all).contains(tokenLabel("A", Who.CENTRE_ADMIN_A), tokenLabel("B", Who.CENTRE_ADMIN_A),
                tokenLabel("tool", Who.CENTRE_ADMIN_A), frameworkOfA.title(), frameworkOfB.title(), toolWideFramework.title());
    }

    @Test
    void refusalsSayWhy() throws Exception {
        HttpResponse<String> learner = get(sessions.get(Who.LEARNER) + "/admin");
        assertThat(learner.body()).contains("This page is not for your role");
        HttpResponse<String> nobody = get(sessions.get(Who.UNKNOWN_SESSION) + "/admin/api/platforms");
        assertThat(nobody.body()).contains("\"error\"", "session has ended");

        HttpResponse<String> otherPage = get(sessions.get(Who.CENTRE_ADMIN_A) + "/admin/platforms/" + b.id());
        assertThat(otherPage.statusCode()).isEqualTo(404);
        assertThat(HtmlUtils.htmlUnescape(otherPage.body())).contains("There is no platform '" + b.id() + "' among those you manage", "Nothing was changed");
        HttpResponse<String> otherApi = json("GET", sessions.get(Who.CENTRE_ADMIN_A) + "/admin/api/platforms/" + b.id(), null);
        assertThat(parse(otherApi).path("error").asString()).isEqualTo("There is no platform '" + b.id() + "' among those you manage");
        HttpResponse<String> create = json("POST", sessions.get(Who.CENTRE_ADMIN_A) + "/admin/api/platforms",
                platformJson("https://x.example.ac.uk", "c", "X", "1"));
        assertThat(parse(create).path("error").asString()).startsWith("Only the operator can add platforms");
        HttpResponse<String> rotate = post(sessions.get(Who.CENTRE_ADMIN_A) + "/admin/keys/rotate", Map.of());
        assertThat(HtmlUtils.htmlUnescape(rotate.body())).contains("Only the operator can rotate the tool's keys");
    }

    @Test
    void centreAdminSeesOnlyThePlatformTheyLaunchedFromAndTheOperatorSeesAll() throws Exception {
        HttpResponse<String> page = get(sessions.get(Who.CENTRE_ADMIN_A) + "/admin");
        assertThat(page.body()).contains(a.clientId(), "Test Moodle").doesNotContain(b.issuer(), "Add a platform by hand");
        assertThat(parse(json("GET", sessions.get(Who.CENTRE_ADMIN_A) + "/admin/api/platforms", null)).valueStream()
                .map(p -> p.path("id").asString()).toList()).containsExactly(a.id().toString());

        HttpResponse<String> all = get(sessions.get(Who.OPERATOR) + "/admin");
        assertThat(all.body()).contains(a.clientId(), b.issuer(), "Add a platform by hand");
        assertThat(parse(json("GET", sessions.get(Who.OPERATOR) + "/admin/api/platforms", null)).valueStream()
                .map(p -> p.path("id").asString()).toList()).contains(a.id().toString(), b.id().toString());
    }

    private int expected(Who who, Route route) {
        return switch (who) {
            case OPERATOR -> route.operator();
            case CENTRE_ADMIN_A -> route.centreAdminOfA();
            case LEARNER, INSTRUCTOR -> 403;
            case NO_SESSION, UNKNOWN_SESSION -> 401;
        };
    }

    private HttpResponse<String> send(Who who, Route route) throws Exception {
        String path = sessions.get(who) + fill(route.path(), who);
        if (route.form() != null) {
            Map<String, String> form = new java.util.LinkedHashMap<>();
            for (String pair : fill(route.form(), who).split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    form.put(kv[0], kv[1]);
                }
            }
            return post(path, form);
        }
        return route.method().equals("GET") ? get(path) : json(route.method(), path, route.json() == null ? null : fill(route.json(), who));
    }

    private String fill(String template, Who who) {
        Map<String, java.util.function.Supplier<String>> values = Map.of(
                "{A}", () -> a.id().toString(),
                "{B}", () -> b.id().toString(),
                "{tokenA}", () -> tokenId(tokenLabel("A", who)),
                "{tokenB}", () -> tokenId(tokenLabel("B", who)),
                "{toolToken}", () -> tokenId(tokenLabel("tool", who)),
                "{frameworkOfB, version 2}", () -> caseJson(CasePackages.modified(frameworkOfB)),
                "{frameworkOfB}", () -> frameworkOfB.id().toString(),
                "{toolWideFramework, version 2}", () -> caseJson(CasePackages.modified(toolWideFramework)),
                "{who}", () -> label(who));
        String filled = template;
        for (Platform p : List.of(a, b)) {
            String key = p == a ? "A" : "B";
            Platform now = registry.find(p.id()).orElseThrow();
            filled = filled.replace("{" + key + ".auth}", now.authorizationEndpoint()).replace("{" + key + ".token}", now.tokenEndpoint())
                    .replace("{" + key + ".jwks}", now.jwksUri());
        }
        for (var value : values.entrySet()) {
            if (filled.contains(value.getKey())) {
                filled = filled.replace(value.getKey(), value.getValue().get());
            }
        }
        return filled;
    }

    private String tokenLabel(String owner, Who who) {
        return owner + " " + label(who) + " " + run;
    }

    private static String caseJson(Framework framework) {
        return new String(CasePackages.caseJson(framework), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String label(Who who) {
        return who.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String excerpt(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) : b;
    }
}
