package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A launch redirects straight to the page it lands on (one request fewer for every launch), and only what the landing
 * URL shows itself goes there.
 */
class LaunchGoesStraightToItsPageTest extends PortfolioTestSupport {

    private static final String SESSION = "/s/[A-Za-z0-9_-]{64}";

    @Test
    void aLearnersLaunchRedirectsToTheirUnitPage() throws Exception {
        Launched sam = launch(new Person("straight-sam", "Sam Straight", LEARNER));
        assertThat(sam.launchedTo()).matches(SESSION + "/portfolio/[0-9a-f-]{36}");
        assertThat(get(sam.launchedTo()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTutorsLaunchRedirectsToTheCaseloadOfTheUnit() throws Exception {
        Launched alex = launch(new Person("straight-alex", "Alex Straight", INSTRUCTOR));
        assertThat(alex.launchedTo()).matches(SESSION + "/caseload\\?unit=224");
    }

    @Test
    void aLaunchWithNothingToOpenYetGoesToTheLandingPage() throws Exception {
        Launched sam = launch(platform, new Person("straight-sam-2", "Sam Straight", LEARNER), "course-1", "activity-no-unit", null);
        assertThat(sam.launchedTo()).matches(SESSION + "/");
        assertThat(get(sam.launchedTo()).body()).contains("id=\"not-ready\"");
    }
}
