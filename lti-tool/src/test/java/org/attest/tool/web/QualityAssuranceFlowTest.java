package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.quality.internal.IqaPeople;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Internal quality assurance over HTTP, as the people do it: the centre names Ivy lead IQA; Alex assesses and signs
 * Sam's unit off; Ivy makes a summative plan, takes the proposed sample (Sam's unit, with its reason), does not agree
 * on one criterion and sets an action point; the unit leaves "complete" in the LMS gradebook; Alex sees the action,
 * marks it done, judges again and signs off again (still not complete while Ivy disagrees); Ivy agrees; complete again.
 */
class QualityAssuranceFlowTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("iqa-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person NED = new Person("tutor-ned", "Ned Notverifier", INSTRUCTOR);
    static final Person TINA = new Person("iqa-tina", "Tina Traineeiqa", INSTRUCTOR);

    @Autowired
    IqaPeople iqas;

    @Autowired
    AuditTrail audit;

    @Test
    void anIqaSamplesDisagreesAndAgreesAndTheLmsScoreFollows() throws Exception {
        String course = "iqa-" + UUID.randomUUID();
        lmsTakesScores();
        Launched sam = launch(platform, SAM, course, "activity-" + course, frameworkId(), Map.of("uln", "9276308686", "employer", "Greggs"));
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        List<UUID> evidence = everythingAssessed(sam, alex, unit);
        location(post(sam.base() + "/portfolio/" + unit + "/declaration", form("typedName", SAM.name())));
        location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        assertThat(complete(unit)).isTrue();

        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        Launched ned = launch(platform, NED, staffRoom, "activity-" + staffRoom);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(),
                new IqaPeople.Appointment("TAQA Level 4", false, true, true), "test");

        assertThat(get(ned.base() + "/iqa").statusCode()).as("a tutor who is not an IQA").isEqualTo(403);
        String home = get(ivy.base() + "/iqa").body();
        assertThat(home).contains("Internal quality assurance", "Lead IQA", "TAQA Level 4", "New plan");

        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Customer Service summative",
                "frameworkId", frameworkId(), "kind", "SUMMATIVE", "baseRate", "100", "raisedRate", "100"))), "plans");
        String planPage = get(ivy.base() + "/iqa/plans/" + plan).body();
        assertThat(planPage).contains("Proposed (", "Sam Student", "Alex Assessor", "Take this sample");
        assertThat(location(post(ivy.base() + "/iqa/plans/" + plan + "/take", Map.of()))).contains("?taken=");
        assertThat(get(ivy.base() + "/iqa").body()).contains("Sample to verify (", "/iqa/units/" + unit);
        assertThat(get(ivy.base() + "/iqa/plans/" + plan + "/matrix").body()).contains("Sampling matrix", "Alex Assessor");

        // Ivy reads the portfolio read-only: no assessor's forms.
        assertThat(get(ivy.base() + "/portfolio/" + unit).body()).contains("Sam Student").doesNotContain("/sign-off\"");

        // Not agree without a reason per criterion or an action point: refused, nothing changes.
        String before = portfolioState();
        HttpResponse<String> noAction = post(ivy.base() + "/iqa/units/" + unit, form("outcome", "NOT_AGREE",
                "feedback", "The observation is thin"));
        assertThat(noAction.statusCode()).isEqualTo(400);
        assertThat(noAction.body()).contains("say for at least one criterion why you do not agree");
        assertThat(portfolioState()).isEqualTo(before);

        Criterion first = unit224().criteria().findFirst().orElseThrow();
        String due = LocalDate.now().plusDays(14).toString();
        assertThat(location(postFields(ivy.base() + "/iqa/units/" + unit, List.of(
                Map.entry("outcome", "NOT_AGREE"), Map.entry("feedback", "The observation is thin"),
                Map.entry("reason-" + first.id(), "the record does not show what the customer needed"),
                Map.entry("actionText", "Observe Sam again with a customer who is new to the service"),
                Map.entry("actionDue", due), Map.entry("actionText", ""), Map.entry("actionDue", "")))))
                .contains("?decided");

        assertThat(complete(unit)).isFalse();
        assertThat(lastScore(unit)).containsEntry("activity_progress", "InProgress");
        assertThat(jdbc.sql("SELECT status FROM sample_item WHERE plan_id = ? AND learner_unit_id = ?").params(plan, unit)
                .query(String.class).single()).isEqualTo("NOT_AGREED");
        // Alex reads the IQA's reasons; Sam reads that the unit went back and on which criterion, not what was written.
        assertThat(get(alex.base() + "/portfolio/" + unit).body()).contains("the record does not show what the customer needed");
        assertThat(get(sam.base() + "/portfolio/" + unit).body()).contains("Sent back by the internal verifier",
                first.code() + ": the internal verifier asked the assessor to look at this again",
                "the internal verifier has not yet agreed; your assessor is acting on their feedback")
                .doesNotContain("the record does not show what the customer needed", "The observation is thin");
        String actions = get(alex.base() + "/iqa-actions").body();
        assertThat(actions).contains("Observe Sam again with a customer who is new to the service");
        UUID action = jdbc.sql("SELECT id FROM iqa_action WHERE learner_unit_id = ?").param(unit).query(UUID.class).single();
        assertThat(location(post(alex.base() + "/iqa-actions/" + action + "/done",
                form("note", "Observed again on 3 December")))).contains("?done");

        postFields(alex.base() + "/evidence/" + evidence.get(0) + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET"),
                Map.entry("feedback." + first.id(), "Observed again: met")));
        location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        assertThat(complete(unit)).as("still held: the IQA has not agreed").isFalse();
        assertThat(get(alex.base() + "/portfolio/" + unit).body()).contains("Sent back by the internal verifier")
                .doesNotContain("Signed off, awaiting countersignature");

        // Ivy looks again and still does not agree, now on another criterion: the new sign-off goes, the unit stays
        // held with the new reason, the action Alex did is closed and the new one is open.
        Criterion second = unit224().criteria().skip(1).findFirst().orElseThrow();
        assertThat(location(postFields(ivy.base() + "/iqa/units/" + unit, List.of(
                Map.entry("outcome", "NOT_AGREE"), Map.entry("feedback", "Better, but the questioning is leading"),
                Map.entry("reason-" + second.id(), "the questions give the answer away"),
                Map.entry("actionText", "Ask open questions and record the answers"), Map.entry("actionDue", due)))))
                .contains("?decided");
        assertThat(complete(unit)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM unit_signature WHERE learner_unit_id = ? AND kind = 'SIGN_OFF' AND withdrawn_at IS NULL")
                .param(unit).query(Long.class).single()).as("the second sign-off is withdrawn too").isZero();
        assertThat(jdbc.sql("SELECT quality_hold_reason FROM learner_unit WHERE id = ?").param(unit).query(String.class).single())
                .isEqualTo("Better, but the questioning is leading");
        assertThat(jdbc.sql("SELECT CASE WHEN closed_at IS NULL THEN 'open: ' ELSE 'closed: ' END || text FROM iqa_action "
                + "WHERE learner_unit_id = ? ORDER BY text").param(unit).query(String.class).list()).containsExactly(
                        "open: Ask open questions and record the answers",
                        "closed: Observe Sam again with a customer who is new to the service");
        assertThat(get(alex.base() + "/iqa-actions").body()).contains("Ask open questions and record the answers");
        postFields(alex.base() + "/evidence/" + evidence.get(0) + "/review", List.of(
                Map.entry("verdict." + second.id(), "CONFIRMED"), Map.entry("outcome." + second.id(), "MET"),
                Map.entry("feedback." + second.id(), "Asked open questions: met")));
        location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        assertThat(complete(unit)).isFalse();

        assertThat(location(post(ivy.base() + "/iqa/units/" + unit, form("outcome", "AGREE",
                "feedback", "Agreed after the second observation")))).contains("?decided");
        assertThat(complete(unit)).isTrue();
        assertThat(lastScore(unit)).containsEntry("activity_progress", "Completed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM iqa_action WHERE learner_unit_id = ? AND closed_at IS NULL").param(unit)
                .query(Long.class).single()).isZero();
        assertThat(get(ivy.base() + "/iqa/units/" + unit).body()).contains("Not agreed", "Agreed", "224.1.1",
                "the record does not show what the customer needed");
        assertThat(audit.verify().intact()).isTrue();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY seq").param(unit).query(String.class).list())
                .containsSubsequence("UNIT_SIGNED_OFF", "QUALITY_HOLD_PLACED", "IQA_DECIDED", "IQA_ACTION_DONE", "UNIT_SIGNED_OFF",
                        "QUALITY_HOLD_PLACED", "IQA_DECIDED", "UNIT_SIGNED_OFF", "QUALITY_HOLD_RELEASED", "IQA_DECIDED");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY seq").param(plan).query(String.class).list())
                .containsExactly("IQA_PLAN_MADE", "IQA_SAMPLE_TAKEN");
        Map<String, Object> notAgreed = jdbc.sql("SELECT actor, actor_name, detail FROM audit_event WHERE subject_id = ? "
                + "AND action = 'IQA_DECIDED' ORDER BY seq LIMIT 1").param(unit).query().singleRow();
        assertThat(notAgreed).containsEntry("actor", IVY.subject()).containsEntry("actor_name", IVY.name());
        assertThat((String) notAgreed.get("detail")).contains("NOT_AGREE", "the record does not show what the customer needed",
                "Observe Sam again with a customer who is new to the service");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'IQA_APPOINTED' AND detail LIKE ?")
                .param("%iqa-ivy%").query(Long.class).single()).isPositive();
        awaitDelivered(unit);

        // Ready to claim: signed off, complete, agreed by the IQA after the sign-off; the ULN came with Sam's launch.
        String ready = get(ivy.base() + "/iqa/ready").body();
        assertThat(ready).contains("Ready for the certificate claim", "Sam Student", "9276308686", "Agreed by Ivy Verifier");
        HttpResponse<String> csv = get(ivy.base() + "/iqa/ready.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("ready,learner,learner_id,uln,employer,unit,assessor,signed_off,why")
                .contains("yes,\"Sam Student\",\"learner-sam\",\"9276308686\",\"Greggs\",\"224\",\"Alex Assessor\"");
        HttpResponse<String> badUln = post(ivy.base() + "/iqa/ulns", form("learnerSubject", SAM.subject(), "uln", "9276308687"));
        assertThat(badUln.statusCode()).isEqualTo(400);
        assertThat(badUln.body()).contains("is not a valid ULN");
        assertThat(get(ivy.base() + "/iqa/ready").body()).contains("9276308686");
    }

    @Test
    void anIqaNeverVerifiesTheirOwnAssessmentAndTutorsWhoAreNotIqasAreRefused() throws Exception {
        String course = "own-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched ivyAssesses = launch(platform, IVY, course, "activity-" + course);
        everythingAssessed(sam, ivyAssesses, unit);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(),
                new IqaPeople.Appointment("V1", false, false, true), "test");
        Launched ned = launch(platform, NED, course, "activity-" + course);
        String before = portfolioState();

        assertThat(get(ivyAssesses.base() + "/iqa/units/" + unit).body())
                .contains("an internal verifier never verifies their own assessment decisions");
        HttpResponse<String> own = post(ivyAssesses.base() + "/iqa/units/" + unit, form("outcome", "AGREE", "feedback", "fine"));
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("never verifies their own assessment decisions");
        HttpResponse<String> notIqa = post(ned.base() + "/iqa/units/" + unit, form("outcome", "AGREE", "feedback", "fine"));
        assertThat(notIqa.statusCode()).isEqualTo(403);
        HttpResponse<String> noPlanForNonLead = post(ivyAssesses.base() + "/iqa/plans", form("title", "x",
                "frameworkId", frameworkId(), "kind", "INTERIM"));
        assertThat(noPlanForNonLead.statusCode()).isEqualTo(403);
        assertThat(noPlanForNonLead.body()).contains("only a lead IQA makes or changes the centre&#39;s sampling plans");
        assertThat(portfolioState()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM iqa_review WHERE learner_unit_id = ?").param(unit).query(Long.class).single())
                .isZero();
    }

    @Test
    void aTraineeIqasAgreementCountsOnceAQualifiedIqaCountersignsItAndPlansRefuseBadInput() throws Exception {
        String course = "trainee-iqa-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        everythingAssessed(sam, alex, unit);
        location(post(sam.base() + "/portfolio/" + unit + "/declaration", form("typedName", SAM.name())));
        location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        Launched tina = launch(platform, TINA, staffRoom, "activity-" + staffRoom);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("V1", false, true, true), "test");
        iqas.appoint(registeredPlatformId(), TINA.subject(), TINA.name(),
                new IqaPeople.Appointment("TAQA Level 4", true, false, true), "test");

        long plans = jdbc.sql("SELECT COUNT(*) FROM sampling_plan").query(Long.class).single();
        HttpResponse<String> untitled = post(ivy.base() + "/iqa/plans", form("title", " ", "frameworkId", frameworkId(),
                "kind", "SUMMATIVE"));
        assertThat(untitled.statusCode()).isEqualTo(400);
        assertThat(untitled.body()).contains("give the plan a title");
        HttpResponse<String> badRate = post(ivy.base() + "/iqa/plans", form("title", "Plan", "frameworkId", frameworkId(),
                "kind", "SUMMATIVE", "baseRate", "0"));
        assertThat(badRate.statusCode()).isEqualTo(400);
        assertThat(badRate.body()).contains("base rate 0 % is out of range");
        HttpResponse<String> noKind = post(ivy.base() + "/iqa/plans", form("title", "Plan", "frameworkId", frameworkId()));
        assertThat(noKind.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sampling_plan").query(Long.class).single()).isEqualTo(plans);

        assertThat(location(post(tina.base() + "/iqa/units/" + unit, form("outcome", "AGREE",
                "feedback", "Sound judgements throughout")))).contains("?decided");
        assertThat(get(ivy.base() + "/iqa/ready").body()).contains("waiting for a qualified IQA")
                .doesNotContain(">Ready<");
        UUID review = jdbc.sql("SELECT id FROM iqa_review WHERE learner_unit_id = ?").param(unit).query(UUID.class).single();
        HttpResponse<String> selfCountersign = post(tina.base() + "/iqa/reviews/" + review + "/countersign", Map.of());
        assertThat(selfCountersign.statusCode()).isEqualTo(403);
        assertThat(selfCountersign.body()).contains("only a qualified IQA countersigns");

        assertThat(location(post(ivy.base() + "/iqa/reviews/" + review + "/countersign", Map.of()))).contains("?countersigned");
        assertThat(get(ivy.base() + "/iqa/units/" + unit).body()).contains("countersigned by Ivy Verifier");
        assertThat(get(ivy.base() + "/iqa/ready").body()).contains(">Ready<", "Agreed by Tina Traineeiqa");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'IQA_DECISION_COUNTERSIGNED'")
                .param(unit).query(Long.class).single()).isEqualTo(1);
        HttpResponse<String> twice = post(ivy.base() + "/iqa/reviews/" + review + "/countersign", Map.of());
        assertThat(twice.statusCode()).isEqualTo(400);
    }

    @Test
    void anIqaAddsAndTakesOutLearnerUnitsWithAReasonAndBadRequestsChangeNothing() throws Exception {
        String course = "adjust-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        everythingAssessed(sam, alex, unit); // in progress: no declaration, no sign-off
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("V1", false, true, true), "test");
        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Interim, autumn",
                "frameworkId", frameworkId(), "kind", "INTERIM", "baseRate", "10", "raisedRate", "50"))), "plans");
        String items = "SELECT learner_unit_id, status, reasons FROM sample_item WHERE plan_id = '" + plan + "' ORDER BY learner_unit_id";

        HttpResponse<String> noReason = post(ivy.base() + "/iqa/plans/" + plan + "/items", form("learnerUnitId", unit.toString()));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("say why you are adding");
        HttpResponse<String> stranger = post(ivy.base() + "/iqa/plans/" + plan + "/items",
                form("learnerUnitId", UUID.randomUUID().toString(), "reason", "curious"));
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(jdbc.sql(items).query().listOfRows()).isEmpty();

        location(post(ivy.base() + "/iqa/plans/" + plan + "/items", form("learnerUnitId", unit.toString(),
                "reason", "observe Alex's practice")));
        assertThat(jdbc.sql(items).query().listOfRows()).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("TO_VERIFY");
            assertThat((String) row.get("reasons")).contains("Added by Ivy Verifier: observe Alex's practice");
        });
        HttpResponse<String> twice = post(ivy.base() + "/iqa/plans/" + plan + "/items", form("learnerUnitId", unit.toString(),
                "reason", "again"));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("is already in the sample");

        location(post(ivy.base() + "/iqa/plans/" + plan + "/items/" + unit + "/remove", form("reason", "the learner withdrew")));
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE subject_id = ? AND action = 'IQA_SAMPLE_CHANGED' ORDER BY seq")
                .param(unit).query(String.class).list()).hasSize(2)
                .anySatisfy(d -> assertThat(d).contains("added", "observe Alex's practice"))
                .anySatisfy(d -> assertThat(d).contains("taken out", "the learner withdrew"));
        assertThat(jdbc.sql(items).query().listOfRows()).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("REMOVED");
            assertThat((String) row.get("reasons")).contains("Taken out by Ivy Verifier: the learner withdrew");
        });
        assertThat(get(ivy.base() + "/iqa/plans/" + plan).body()).contains("Taken out");

        // A plan of one course (a cohort) samples only that course's learners.
        String otherCourse = "other-" + UUID.randomUUID();
        Launched priya = launch(platform, new Person("learner-priya", "Priya Patel", LEARNER), otherCourse, "activity-" + otherCourse);
        UUID priyasUnit = idAfter(priya.landing(), "portfolio");
        everythingAssessed(priya, launch(platform, ALEX, otherCourse, "activity-" + otherCourse), priyasUnit);
        String deployment = jdbc.sql("SELECT deployment_id FROM learner_unit WHERE id = ?").param(unit).query(String.class).single();
        UUID cohort = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Interim, one cohort",
                "frameworkId", frameworkId(), "course", deployment + " " + course, "kind", "INTERIM",
                "baseRate", "100", "raisedRate", "100"))), "plans");
        String cohortPage = get(ivy.base() + "/iqa/plans/" + cohort).body();
        assertThat(cohortPage).contains("Learners: course " + course, "Sam Student").doesNotContain("Priya Patel");
        HttpResponse<String> unknownCourse = post(ivy.base() + "/iqa/plans", form("title", "x", "frameworkId", frameworkId(),
                "course", deployment + " no-such-course", "kind", "INTERIM"));
        assertThat(unknownCourse.statusCode()).isEqualTo(400);
        assertThat(unknownCourse.body()).contains("the course chosen has no learners on this qualification");

        // Another centre's IQA sees neither the plan nor the unit.
        try (var other = org.attest.tool.lti.TestPlatform.start()) {
            other.register(registry);
            Launched stranger2 = launch(other, IVY, staffRoom, "activity-" + staffRoom);
            iqas.appoint(registry.find(other.issuer, other.clientId).orElseThrow().id(), IVY.subject(), IVY.name(),
                    new IqaPeople.Appointment("V1", false, true, true), "test");
            assertThat(get(stranger2.base() + "/iqa/plans/" + plan).statusCode()).isEqualTo(404);
            assertThat(get(stranger2.base() + "/iqa/units/" + unit).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aLeadIqaClosesASummativePlanAndTheCompleteUnitsItDidNotPickAreClosedOutAndReadyToClaim() throws Exception {
        String course = "close-" + UUID.randomUUID();
        Person priya = new Person("learner-priya", "Priya Patel", LEARNER);
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        // Moodle sends the user's ID number as the LIS person_sourcedid: at this college it is the learner's ULN.
        Launched priyas = launch(platform, priya, course, "activity-" + course, frameworkId(), Map.of(),
                Map.of("https://purl.imsglobal.org/spec/lti/claim/lis", Map.of("person_sourcedid", "1234567805")));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        UUID samsUnit = idAfter(sam.landing(), "portfolio");
        UUID priyasUnit = idAfter(priyas.landing(), "portfolio");
        for (var learner : List.of(Map.entry(sam, SAM), Map.entry(priyas, priya))) {
            UUID unit = idAfter(learner.getKey().landing(), "portfolio");
            everythingAssessed(learner.getKey(), alex, unit);
            location(post(learner.getKey().base() + "/portfolio/" + unit + "/declaration", form("typedName", learner.getValue().name())));
            location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        }
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        Launched tina = launch(platform, TINA, staffRoom, "activity-" + staffRoom);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("V1", false, true, true), "test");
        iqas.appoint(registeredPlatformId(), TINA.subject(), TINA.name(), new IqaPeople.Appointment("TAQA", false, false, true), "test");
        String deployment = jdbc.sql("SELECT deployment_id FROM learner_unit WHERE id = ?").param(samsUnit).query(String.class).single();
        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Summative, July claim",
                "frameworkId", frameworkId(), "course", deployment + " " + course, "kind", "SUMMATIVE",
                "baseRate", "10", "raisedRate", "50"))), "plans");
        location(post(ivy.base() + "/iqa/plans/" + plan + "/items", form("learnerUnitId", samsUnit.toString(),
                "reason", "Sam's first unit with Alex")));
        assertThat(get(ivy.base() + "/iqa/ready").body()).contains("Waiting for summative sampling")
                .doesNotContain("Closed out of the sample");

        // Not while a unit of the sample waits for a decision, and only a lead IQA: refused, nothing changes.
        String before = closeState(plan);
        HttpResponse<String> early = post(ivy.base() + "/iqa/plans/" + plan + "/close", form("note", "July claim"));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("1 learner unit of the sample still wait");
        location(post(ivy.base() + "/iqa/units/" + samsUnit, form("outcome", "AGREE", "feedback", "Sound judgements")));
        String agreed = closeState(plan);
        assertThat(post(tina.base() + "/iqa/plans/" + plan + "/close", form("note", "mine")).statusCode()).isEqualTo(403);
        assertThat(closeState(plan)).isEqualTo(agreed).isNotEqualTo(before);
        assertThat(get(tina.base() + "/iqa/plans/" + plan).body()).doesNotContain("Close the plan");
        assertThat(get(ivy.base() + "/iqa/plans/" + plan).body()).contains("Close the plan");

        assertThat(location(post(ivy.base() + "/iqa/plans/" + plan + "/close", form("note", "July claim"))))
                .contains("?closed=1");
        String page = get(ivy.base() + "/iqa/plans/" + plan + "?closed=1").body();
        assertThat(page).contains("Closed by Ivy Verifier", "July claim",
                "Plan closed: 1 learner units closed out of the sample; they are ready for the certificate claim")
                .doesNotContain("Close the plan", "Take out", "Take this sample");
        String ready = get(ivy.base() + "/iqa/ready").body();
        assertThat(ready).contains("Agreed by Ivy Verifier after the sign-off",
                "Closed out of the sample by the summative plan &quot;Summative, July claim&quot; (closed by Ivy Verifier)")
                .doesNotContain("Waiting for summative sampling");
        assertThat(get(ivy.base() + "/iqa/ready.csv").body()).contains("yes,\"Priya Patel\",\"learner-priya\",\"1234567805\"",
                "yes,\"Sam Student\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM learner_uln WHERE uln = 'STUDENT1'").query(Long.class).single())
                .as("a person_sourcedid that is no ULN (Moodle's STUDENT1) is not recorded").isZero();

        // A closed plan's sample no longer changes; closing twice is refused.
        String closed = closeState(plan);
        HttpResponse<String> late = post(ivy.base() + "/iqa/plans/" + plan + "/items", form("learnerUnitId",
                priyasUnit.toString(), "reason", "one more"));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("was closed by Ivy Verifier", "make a new plan");
        assertThat(post(ivy.base() + "/iqa/plans/" + plan + "/close", Map.of()).statusCode()).isEqualTo(400);
        assertThat(post(ivy.base() + "/iqa/plans/" + plan + "/take", Map.of()).statusCode()).isEqualTo(400);
        assertThat(closeState(plan)).isEqualTo(closed);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE subject_id = ? AND action = 'IQA_PLAN_CLOSED'").param(plan)
                .query(String.class).single()).contains("July claim", "\"closedOut\":1", priyasUnit.toString());
        assertThat(audit.verify().intact()).isTrue();
    }

    /** A plan's row, its sample, its close-outs and the head of the audit chain. */
    private String closeState(UUID plan) {
        return jdbc.sql("SELECT closed_at, closed_by, close_note FROM sampling_plan WHERE id = ?").param(plan).query().listOfRows()
                + "" + jdbc.sql("SELECT learner_unit_id, status FROM sample_item WHERE plan_id = ? ORDER BY learner_unit_id")
                        .param(plan).query().listOfRows()
                + jdbc.sql("SELECT learner_unit_id FROM plan_close_out WHERE plan_id = ?").param(plan).query().listOfRows()
                + jdbc.sql("SELECT last_seq || ':' || last_hash FROM audit_head").query(String.class).single();
    }

    private UUID registeredPlatformId() {
        return registry.find(platform.issuer, platform.clientId).orElseThrow().id();
    }
}
