package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.tool.quality.internal.IqaPeople;
import org.attest.tool.quality.internal.SamplingPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who is new to assessing, for the sampling rates (CAMERA's "A"): an assessor whose first decision is recent, at a
 * centre that has been recording decisions for a while before it, is sampled in full; at a centre that has only just
 * started with Attest, nobody is "new" just because their first decision in Attest is recent.
 */
class NewAssessorsTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person PRIYA = new Person("learner-priya", "Priya Patel", LEARNER);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Person NINA = new Person("assessor-nina", "Nina Newassessor", INSTRUCTOR);
    static final Person IVY = new Person("iqa-ivy", "Ivy Verifier", INSTRUCTOR);

    @Autowired
    SamplingPlans plans;

    @Autowired
    IqaPeople iqas;

    @Test
    void anAssessorWhoseFirstDecisionIsRecentAtACentreWithOlderRecordsIsNewAndSampledInFull() throws Exception {
        String course = "new-" + UUID.randomUUID();
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        decided(launch(platform, SAM, course, "activity-" + course), launch(platform, ALEX, course, "activity-" + course), first);
        decided(launch(platform, PRIYA, course, "activity-" + course), launch(platform, NINA, course, "activity-" + course), first);
        UUID centre = registry.find(platform.issuer, platform.clientId).orElseThrow().id();

        // Both began this week: the centre has only just started with Attest, so neither is "new".
        assertThat(plans.newToAssessing(centre)).isEmpty();

        // Alex has decided here for two years, Nina for one month.
        backdate(ALEX, Instant.now().minus(730, ChronoUnit.DAYS));
        backdate(NINA, Instant.now().minus(30, ChronoUnit.DAYS));
        assertThat(plans.newToAssessing(centre)).containsExactly(NINA.subject());

        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        iqas.appoint(centre, IVY.subject(), IVY.name(), new IqaPeople.Appointment("V1", false, true, true), "test");
        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Interim", "frameworkId", frameworkId(),
                "kind", "INTERIM", "baseRate", "10", "raisedRate", "50"))), "plans");
        assertThat(get(ivy.base() + "/iqa/plans/" + plan).body())
                .contains("Nina Newassessor is new to assessing: every unit they are assessing is sampled")
                .doesNotContain("Alex Assessor is new to assessing");
    }

    private void decided(Launched learner, Launched assessor, Criterion criterion) throws Exception {
        UUID unit = idAfter(learner.landing(), "portfolio");
        UUID evidence = addEvidence(learner, unit, "Observation", java.time.LocalDate.now().minusDays(1), "Customer 1");
        postFields(learner.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", criterion.id().toString())));
        postFields(assessor.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + criterion.id(), "CONFIRMED"), Map.entry("outcome." + criterion.id(), "MET")));
    }

    private void backdate(Person assessor, Instant when) {
        assertThat(jdbc.sql("UPDATE assessment_decision SET decided_at = ? WHERE assessor_subject = ?")
                .params(Timestamp.from(when), assessor.subject()).update()).isPositive();
        assertThat(jdbc.sql("UPDATE assessor_first_decision SET first_at = ? WHERE assessor_subject = ?")
                .params(Timestamp.from(when), assessor.subject()).update()).isPositive();
    }
}
