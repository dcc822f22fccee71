package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Centre administrators name internal quality assurers among their tutors, on their own platforms only. */
class IqaAdminTest extends AdminIntegrationTest {

    @Autowired
    IqaPeople iqas;

    @Test
    void centreAdminNamesATutorLeadIqaWithTheirQualificationAndStandsThemDown() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            get(launchSession(college, INSTRUCTOR) + "/"); // the fixture's user "4" opens Attest as a tutor: now listed
            String admin = launchSession(college, INSTITUTION_ADMIN);
            assertThat(get(admin + "/admin/iqa").body()).contains("Sam Student", "Not an IQA");

            HttpResponse<String> named = post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(),
                    "subject", "4", "qualification", "  TAQA Level 4  ", "active", "true", "lead", "true"));
            assertThat(named.statusCode()).isEqualTo(303);
            IqaPeople.Iqa iqa = iqas.active(platform.id(), "4").orElseThrow();
            assertThat(iqa.qualification()).isEqualTo("TAQA Level 4");
            assertThat(iqa.lead()).isTrue();
            assertThat(iqa.qualified()).isTrue();
            assertThat(iqa.name()).isEqualTo("Sam Student");
            assertThat(get(admin + "/admin/iqa").body()).contains("Lead IQA", "TAQA Level 4");

            post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(), "subject", "4",
                    "qualification", "TAQA Level 4", "active", "true", "workingTowards", "true"));
            assertThat(iqas.active(platform.id(), "4").orElseThrow().qualified()).isFalse();
            assertThat(get(admin + "/admin/iqa").body()).contains("working towards it: needs countersignature");

            post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(), "subject", "4", "qualification", ""));
            assertThat(iqas.active(platform.id(), "4")).isEmpty();
            assertThat(iqas.find(platform.id(), "4")).hasValueSatisfying(i -> assertThat(i.active()).isFalse());
        }
    }

    @Test
    void badInputSaysWhatIsWrongOnThePageAndChangesNothing() throws Exception {
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            get(launchSession(college, INSTRUCTOR) + "/");
            String admin = launchSession(college, INSTITUTION_ADMIN);
            String before = snapshot();

            HttpResponse<String> noQualification = post(admin + "/admin/iqa",
                    Map.of("platformId", platform.id().toString(), "subject", "4", "qualification", " ", "active", "true"));
            assertThat(noQualification.statusCode()).isEqualTo(200);
            assertThat(noQualification.body()).contains("Say which IQA qualification they hold or are working towards",
                    "Nothing was changed");
            HttpResponse<String> tooLong = post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(),
                    "subject", "4", "qualification", "x".repeat(101), "active", "true"));
            assertThat(tooLong.body()).contains("101 characters long; write at most 100");
            HttpResponse<String> leadButNotIqa = post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(),
                    "subject", "4", "qualification", "V1", "lead", "true"));
            assertThat(leadButNotIqa.body()).contains("A lead IQA must be an active IQA");
            HttpResponse<String> stranger = post(admin + "/admin/iqa", Map.of("platformId", platform.id().toString(),
                    "subject", "never-launched", "qualification", "V1", "active", "true"));
            assertThat(stranger.statusCode()).isEqualTo(404);

            assertThat(snapshot()).isEqualTo(before);
        }
    }
}
