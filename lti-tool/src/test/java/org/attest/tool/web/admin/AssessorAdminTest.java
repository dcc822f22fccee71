package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.portfolio.internal.Assessors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Centre administrators mark assessors as trainees (needing countersignature) or qualified, on their own platforms only. */
class AssessorAdminTest extends AdminIntegrationTest {

    @Autowired
    Assessors assessors;

    @Test
    void centreAdminMarksAnAssessorAsTraineeAndBackOnTheirPlatformOnly() throws Exception {
        try (TestPlatform college = TestPlatform.start(); TestPlatform other = TestPlatform.start()) {
            Platform collegePlatform = college.register(registry);
            Platform otherPlatform = other.register(registry);
            get(launchSession(college, INSTRUCTOR) + "/"); // the fixture's user "4" opens Attest as a tutor: now listed
            String admin = launchSession(college, INSTITUTION_ADMIN);
            String otherAdmin = launchSession(other, INSTITUTION_ADMIN);

            assertThat(get(admin + "/admin/assessors").body()).contains("Sam Student", "Qualified");
            HttpResponse<String> flagged = post(admin + "/admin/assessors",
                    Map.of("platformId", collegePlatform.id().toString(), "subject", "4", "qualified", "false"));
            assertThat(flagged.statusCode()).isEqualTo(303);
            assertThat(assessors.qualified(collegePlatform.id(), "4")).isFalse();
            assertThat(get(admin + "/admin/assessors").body()).contains("Needs countersignature");

            HttpResponse<String> foreign = post(otherAdmin + "/admin/assessors",
                    Map.of("platformId", collegePlatform.id().toString(), "subject", "4", "qualified", "true"));
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(assessors.qualified(collegePlatform.id(), "4")).isFalse();
            assertThat(get(otherAdmin + "/admin/assessors").body())
                    .contains("No assessor has launched Attest from this platform yet").doesNotContain("Needs countersignature");
            assertThat(assessors.onPlatform(otherPlatform.id())).isEmpty();

            post(admin + "/admin/assessors", Map.of("platformId", collegePlatform.id().toString(), "subject", "4", "qualified", "true"));
            assertThat(assessors.qualified(collegePlatform.id(), "4")).isTrue();
        }
    }
}
