package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "Which LMS this is" section of a platform's admin page: what the platform says, and the admin's override. */
class ProductFamilyAdminTest extends AdminIntegrationTest {

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

    private String override() {
        return jdbc.sql("SELECT product_family_override FROM platform WHERE id = ?").param(a.id()).query(String.class).optional()
                .orElse(null);
    }

    @Test
    void thePageShowsWhatThePlatformSaysAndTheAdminOverridesIt() throws Exception {
        assertThat(get(operator + "/admin/platforms/" + a.id()).body())
                .contains("Which LMS this is", "The platform says:", "<strong>moodle</strong>", "Scores are sent as for",
                        "Follow what the platform says");

        HttpResponse<String> saved = post(operator + "/admin/platforms/" + a.id() + "/family", Map.of("family", "CANVAS"));

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(override()).isEqualTo("CANVAS");
        assertThat(get(operator + "/admin/platforms/" + a.id() + "?done=family-saved").body())
                .contains("Saved: scores queued from now on", "id=\"family-effective\">Canvas</strong>")
                .containsPattern("<option value=\"CANVAS\" selected");

        post(operator + "/admin/platforms/" + a.id() + "/family", Map.of("family", ""));
        assertThat(override()).as("blank follows the platform again").isNull();
    }

    @Test
    void anUnknownFamilyIsRefusedAndChangesNothing() throws Exception {
        post(operator + "/admin/platforms/" + a.id() + "/family", Map.of("family", "MOODLE"));

        HttpResponse<String> refused = post(operator + "/admin/platforms/" + a.id() + "/family", Map.of("family", "blackboard"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Nothing was saved", "blackboard", "is not an LMS family");
        assertThat(override()).isEqualTo("MOODLE");
    }

    @Test
    void aCentreAdministratorOfAnotherPlatformCannotChangeIt() throws Exception {
        TestPlatform other = TestPlatform.start();
        try {
            other.register(registry);
            String otherAdmin = launchSession(other, INSTITUTION_ADMIN, INSTRUCTOR);

            HttpResponse<String> refused = post(otherAdmin + "/admin/platforms/" + a.id() + "/family", Map.of("family", "CANVAS"));

            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(override()).isNull();
        } finally {
            other.close();
        }
    }
}
