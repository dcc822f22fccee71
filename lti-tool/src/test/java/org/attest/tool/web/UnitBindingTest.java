package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An activity added to a course by hand has no unit until a tutor picks one on their first launch. */
class UnitBindingTest extends PortfolioTestSupport {

    static final Person SAM = new Person("bind-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("bind-alex", "Alex Assessor", INSTRUCTOR);

    @Test
    void tutorPicksTheUnitOfAnActivityAddedByHandThenLearnersLandInIt() throws Exception {
        String course = "bind-" + UUID.randomUUID();
        String activity = "manual-" + course;

        Launched early = launch(platform, SAM, course, activity, null);
        HttpResponse<String> waiting = get(early.landing());
        assertThat(waiting.body()).contains("Your tutor has not chosen the unit for this activity yet");

        Launched alex = launch(platform, ALEX, course, activity, null);
        String picker = get(alex.landing()).body();
        assertThat(picker).contains("Which unit is this activity for?", "Unit 224 Support customers using online customer services",
                "Unit 208");
        HttpResponse<String> learnerTries = post(early.base() + "/bind", form("unit", frameworkId() + ":224"));
        assertThat(learnerTries.statusCode()).isEqualTo(403);
        HttpResponse<String> unknown = post(alex.base() + "/bind", form("unit", frameworkId() + ":999"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unit 999 is not in Attest", "ask your centre administrator to import it");

        assertThat(location(post(alex.base() + "/bind", form("unit", frameworkId() + ":224")))).endsWith("/caseload?unit=224");
        HttpResponse<String> again = post(alex.base() + "/bind", form("unit", frameworkId() + ":208"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already bound to Unit 224");

        Launched sam = launch(platform, SAM, course, activity, null);
        assertThat(sam.landing()).contains("/portfolio/");
        assertThat(get(sam.landing()).body()).contains("Unit 224 Support customers using online customer services");
    }
}
