package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Learners' employers and assessment sites: from the launch's custom parameters {@code employer} and {@code site}, or
 * entered by an IQA on the Learner details page (with the ULN), every change audited and bad input changing nothing;
 * a sampling plan over learners of two employers picks from both and says why.
 */
class LearnerDetailsTest extends PortfolioTestSupport {

    static final Person IVY = new Person("iqa-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person NED = new Person("tutor-ned", "Ned Notverifier", INSTRUCTOR);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);

    @Autowired
    IqaPeople iqas;

    @Autowired
    AuditTrail audit;

    @Test
    void aLaunchRecordsTheEmployerAndSiteItCarriesAndLeavesOutBadValues() throws Exception {
        String course = "placed-" + UUID.randomUUID();
        Person sam = learner("Sam Student");
        Person jo = learner("Jo Bloggs");
        Person kim = learner("Kim Long");

        launch(platform, sam, course, "activity-" + course, frameworkId(),
                Map.of("employer", "  Greggs ", "site", "Leeds\t\u0007Kirkgate\u202E"));
        assertThat(placement(sam)).containsEntry("employer", "Greggs").containsEntry("employer_source", "LAUNCH")
                .containsEntry("site", "Leeds Kirkgate").containsEntry("site_source", "LAUNCH");

        launch(platform, jo, course, "activity-" + course, frameworkId(),
                Map.of("employer", "x".repeat(201), "site", "$Person.address.locality"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM learner_placement WHERE learner_subject = ?").param(jo.subject())
                .query(Long.class).single()).as("too long, and a substitution the LMS did not fill").isZero();

        launch(platform, kim, course, "activity-" + course, frameworkId(),
                Map.of("employer", "Co-op Food", "site", "y".repeat(201)));
        assertThat(placement(kim)).containsEntry("employer", "Co-op Food").containsEntry("site", null);

        // A later launch with a new employer (the learner moved) changes it.
        launch(platform, sam, course, "activity-" + course, frameworkId(), Map.of("employer", "Greggs plc"));
        assertThat(placement(sam)).containsEntry("employer", "Greggs plc").containsEntry("site", "Leeds Kirkgate");
    }

    @Test
    void anIqaEntersLearnerDetailsWhichAreAuditedAndStandAgainstLaterLaunches() throws Exception {
        String course = "details-" + UUID.randomUUID();
        Person sam = learner("Sam Student");
        launch(platform, sam, course, "activity-" + course, frameworkId(), Map.of("employer", "Greggs", "site", "Leeds"));
        Launched ivy = iqa(course);
        Launched ned = launch(platform, NED, course, "activity-" + course);

        String page = get(ivy.base() + "/iqa/learners").body();
        assertThat(page).contains("Learner details", "Sam Student", "value=\"Greggs\"", "value=\"Leeds\"", "(from the LMS)");
        assertThat(location(get(ivy.base() + "/iqa/ulns"))).endsWith("/iqa/learners");

        long audited = auditCount();
        assertThat(location(post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(), "uln", "9276 308 686",
                "employer", "Co-op Food", "site", "Leeds")))).endsWith("/iqa/learners?saved");
        assertThat(placement(sam)).containsEntry("employer", "Co-op Food").containsEntry("employer_source", "ENTERED")
                .containsEntry("site", "Leeds").containsEntry("site_source", "LAUNCH").containsEntry("updated_by", IVY.name());
        assertThat(uln(sam)).isEqualTo("9276308686");
        assertThat(auditCount()).isEqualTo(audited + 1);
        Map<String, Object> entry = jdbc.sql("SELECT actor, actor_name, detail FROM audit_event "
                + "WHERE action = 'LEARNER_DETAILS_CHANGED' AND detail LIKE ?").param("%" + sam.subject() + "%")
                .query().singleRow();
        assertThat(entry).containsEntry("actor", IVY.subject()).containsEntry("actor_name", IVY.name());
        assertThat((String) entry.get("detail")).contains("Greggs", "Co-op Food", "9276308686").doesNotContain("\"site\"");
        assertThat(audit.verify().intact()).isTrue();

        // The same details again change nothing and record nothing.
        assertThat(location(post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(), "uln", "9276308686",
                "employer", "Co-op Food", "site", "Leeds")))).endsWith("?unchanged");
        assertThat(auditCount()).isEqualTo(audited + 1);

        // What the centre entered stands when the LMS sends the old employer again; the site still follows the LMS.
        launch(platform, sam, course, "activity-" + course, frameworkId(), Map.of("employer", "Greggs", "site", "York"));
        assertThat(placement(sam)).containsEntry("employer", "Co-op Food").containsEntry("site", "York");

        // Bad input: a clear message, and nothing changes (not even the good fields beside it).
        String before = state(sam);
        HttpResponse<String> tooLong = post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(),
                "employer", "E".repeat(201), "site", "Bradford"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("the employer is 201 characters long; write at most 200");
        HttpResponse<String> badUln = post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(),
                "uln", "9276308687", "employer", "Bolt Ltd"));
        assertThat(badUln.statusCode()).isEqualTo(400);
        assertThat(badUln.body()).contains("is not a valid ULN");
        HttpResponse<String> blankUln = post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(),
                "uln", " ", "employer", "Bolt Ltd"));
        assertThat(blankUln.statusCode()).isEqualTo(400);
        assertThat(blankUln.body()).contains("ULN 9276308686 cannot be left blank");
        HttpResponse<String> noLearner = post(ivy.base() + "/iqa/learners", form("learnerSubject", " ", "employer", "Bolt Ltd"));
        assertThat(noLearner.statusCode()).isEqualTo(400);
        assertThat(noLearner.body()).contains("say which learner the details are for");
        HttpResponse<String> stranger = post(ivy.base() + "/iqa/learners", form("learnerSubject", "nobody-" + UUID.randomUUID(),
                "employer", "Bolt Ltd"));
        assertThat(stranger.statusCode()).isEqualTo(404);
        HttpResponse<String> notIqa = post(ned.base() + "/iqa/learners", form("learnerSubject", sam.subject(),
                "employer", "Bolt Ltd"));
        assertThat(notIqa.statusCode()).isEqualTo(403);
        assertThat(get(ned.base() + "/iqa/learners").statusCode()).isEqualTo(403);
        assertThat(state(sam)).isEqualTo(before);

        // Blanking an employer means not known, recorded as the centre's word.
        assertThat(location(post(ivy.base() + "/iqa/learners", form("learnerSubject", sam.subject(), "employer", " ")))).endsWith("?saved");
        assertThat(placement(sam)).containsEntry("employer", null).containsEntry("employer_source", "ENTERED")
                .containsEntry("site", "York");
    }

    @Test
    void aSampleOverLearnersOfTwoEmployersPicksFromBothAndSaysWhy() throws Exception {
        String course = "employers-" + UUID.randomUUID();
        Person sam = learner("Sam Student");
        Person priya = learner("Priya Patel");
        Launched samLaunched = launch(platform, sam, course, "activity-" + course, frameworkId(),
                Map.of("employer", "Greggs", "site", "Leeds"));
        Launched priyaLaunched = launch(platform, priya, course, "activity-" + course, frameworkId(),
                Map.of("employer", "Co-op Food", "site", "Bradford"));
        UUID samsUnit = idAfter(samLaunched.landing(), "portfolio");
        UUID priyasUnit = idAfter(priyaLaunched.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        everythingAssessed(samLaunched, alex, samsUnit);
        everythingAssessed(priyaLaunched, alex, priyasUnit);
        Launched ivy = iqa(course);
        String deployment = jdbc.sql("SELECT deployment_id FROM learner_unit WHERE id = ?").param(samsUnit)
                .query(String.class).single();

        // 10 % of Alex's two units is one; the spread across employers (and sites) takes the other learner too.
        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Interim, two employers",
                "frameworkId", frameworkId(), "course", deployment + " " + course, "kind", "INTERIM",
                "baseRate", "10", "raisedRate", "50"))), "plans");
        String matrixBefore = get(ivy.base() + "/iqa/plans/" + plan + "/matrix").body();
        assertThat(matrixBefore).contains("Employers and assessment sites", "Greggs", "Co-op Food", "Leeds", "Bradford",
                "no learner from employer Greggs sampled yet", "no learner from employer Co-op Food sampled yet");
        assertThat(get(ivy.base() + "/iqa/plans/" + plan).body()).containsPattern("first learner from employer (Greggs|Co-op Food)");

        location(post(ivy.base() + "/iqa/plans/" + plan + "/take", Map.of()));
        List<Map<String, Object>> items = jdbc.sql("SELECT learner_unit_id, reasons FROM sample_item WHERE plan_id = ?")
                .param(plan).query().listOfRows();
        assertThat(items).extracting(row -> row.get("learner_unit_id")).containsExactlyInAnyOrder(samsUnit, priyasUnit);
        assertThat(items).extracting(row -> (String) row.get("reasons"))
                .anySatisfy(r -> assertThat(r).containsPattern("first learner from employer (Greggs|Co-op Food)"));
        assertThat(get(ivy.base() + "/iqa/plans/" + plan + "/matrix").body()).contains("Employers and assessment sites")
                .doesNotContain("sampled yet</li>").doesNotContain("not sampled yet");
    }

    private static Person learner(String name) {
        return new Person("learner-" + UUID.randomUUID(), name, LEARNER);
    }

    private Launched iqa(String course) throws Exception {
        Launched ivy = launch(platform, IVY, course, "activity-" + course);
        iqas.appoint(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), IVY.subject(), IVY.name(),
                new IqaPeople.Appointment("TAQA Level 4", false, true, true), "test");
        return ivy;
    }

    private Map<String, Object> placement(Person learner) {
        return jdbc.sql("SELECT employer, employer_source, site, site_source, updated_by FROM learner_placement "
                + "WHERE learner_subject = ?").param(learner.subject()).query().singleRow().entrySet().stream()
                .collect(java.util.HashMap::new, (m, e) -> m.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()),
                        java.util.HashMap::putAll);
    }

    private String uln(Person learner) {
        return jdbc.sql("SELECT uln FROM learner_uln WHERE learner_subject = ?").param(learner.subject())
                .query(String.class).single();
    }

    private long auditCount() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    /** Everything a learner details request could change. */
    private String state(Person learner) {
        return jdbc.sql("SELECT * FROM learner_placement WHERE learner_subject = ?").param(learner.subject()).query()
                .listOfRows() + "\n" + jdbc.sql("SELECT * FROM learner_uln WHERE learner_subject = ?").param(learner.subject())
                .query().listOfRows() + "\n" + jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq").query().listOfRows();
    }
}
