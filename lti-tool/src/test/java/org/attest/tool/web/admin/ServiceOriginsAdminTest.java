package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.util.Map;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.PlatformHttp;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The "Service origins" section of a platform's admin page: what Attest refused is shown with an
 * "Allow" button, the platform's own administrators add and remove origins, nobody else can.
 */
class ServiceOriginsAdminTest extends AdminIntegrationTest {

    private static final String CANVAS_HOST = "https://college.instructure.com";

    @Autowired PlatformHttp http;

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

    private String page(String session, Platform platform) throws Exception {
        return get(session + "/admin/platforms/" + platform.id()).body();
    }

    private String origins() {
        return jdbc.sql("SELECT origin FROM platform_service_origin WHERE platform_id = ? ORDER BY origin").param(a.id())
                .query(String.class).list().toString();
    }

    @Test
    void aRefusedOriginIsShownAndTheAdministratorAllowsIt() throws Exception {
        String refusedUrl = CANVAS_HOST + "/api/lti/courses/7/line_items/12/scores";
        assertThrows(PlatformHttp.Refused.class, () -> http.forPlatform(a).check(refusedUrl));
        assertThat(page(operator, a)).contains("Service origins", "Attest refused to call these origins", CANVAS_HOST, refusedUrl);

        HttpResponse<String> allowed = post(operator + "/admin/platforms/" + a.id() + "/service-origins", Map.of("origin", CANVAS_HOST));

        assertThat(allowed.statusCode()).isEqualTo(303);
        assertThat(origins()).isEqualTo("[" + CANVAS_HOST + "]");
        String after = get(operator + "/admin/platforms/" + a.id() + "?done=origin-added").body();
        assertThat(after).contains("Origin added", "Remove origin " + CANVAS_HOST).doesNotContain("Attest refused to call these origins");
        http.forPlatform(a).check(refusedUrl); // no longer refused
    }

    @Test
    void theCentreAdministratorOfThePlatformAddsAWholeUrlAsItsOriginAndRemovesIt() throws Exception {
        String centreAdmin = launchSession(moodle, INSTITUTION_ADMIN, INSTRUCTOR);

        post(centreAdmin + "/admin/platforms/" + a.id() + "/service-origins", Map.of("origin", " https://College.Instructure.com:443/api/lti/x "));
        assertThat(origins()).isEqualTo("[" + CANVAS_HOST + "]");

        HttpResponse<String> removed = post(centreAdmin + "/admin/platforms/" + a.id() + "/service-origins/remove",
                Map.of("origin", CANVAS_HOST));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(origins()).isEqualTo("[]");
    }

    @Test
    void aCentreAdministratorOfAnotherPlatformCannotAddOriginsAndNothingChanges() throws Exception {
        TestPlatform other = TestPlatform.start();
        try {
            other.register(registry);
            String otherAdmin = launchSession(other, INSTITUTION_ADMIN, INSTRUCTOR);

            HttpResponse<String> refused = post(otherAdmin + "/admin/platforms/" + a.id() + "/service-origins",
                    Map.of("origin", "https://evil.example"));

            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(origins()).isEqualTo("[]");
        } finally {
            other.close();
        }
    }

    @Test
    void anInputThatIsNotAnHttpOriginIsRefusedWithAReason() throws Exception {
        for (String input : new String[] {"javascript:alert(1)", "https://user@college.instructure.com", "college.instructure.com", ""}) {
            HttpResponse<String> refused = post(operator + "/admin/platforms/" + a.id() + "/service-origins", Map.of("origin", input));

            assertThat(refused.statusCode()).as(input).isEqualTo(400);
            assertThat(refused.body()).as(input).containsAnyOf("is not an http(s) origin", "Enter the origin");
        }
        assertThat(origins()).isEqualTo("[]");
    }
}
