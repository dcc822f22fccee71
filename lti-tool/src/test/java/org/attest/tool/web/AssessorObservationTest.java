package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.portfolio.internal.Assessors;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An IQA observing an assessor's practice over HTTP, as part of interim sampling: Ivy (lead IQA) sees in her interim
 * plan that Tom, a trainee assessor, is not observed yet; she observes him assessing Sam and records it with an action
 * point; the plan then shows the observation; Tom reads it on his Quality page and marks the action done; Ivy closes it.
 * Self-observation, non-IQAs and bad input are refused and change nothing; a trainee IQA's record is countersigned.
 */
class AssessorObservationTest extends PortfolioTestSupport {

    static final Person SAM = new Person("obs-learner-sam", "Sam Student", LEARNER);
    static final Person TOM = new Person("obs-assessor-tom", "Tom Trainee", INSTRUCTOR);
    static final Person IVY = new Person("obs-iqa-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person TINA = new Person("obs-iqa-tina", "Tina Traineeiqa", INSTRUCTOR);
    static final Person NED = new Person("obs-tutor-ned", "Ned Notverifier", INSTRUCTOR);
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    @Autowired
    IqaPeople iqas;

    @Autowired
    Assessors assessors;

    @Autowired
    AuditTrail audit;

    @Autowired
    EqaGrants grants;

    @Test
    void anIqaObservesATraineeAssessorThePlanShowsItAndTheAssessorActsOnTheActionPoint() throws Exception {
        String course = "observe-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched tom = launch(platform, TOM, course, "activity-" + course);
        assessors.flag(platformId(), TOM.subject(), TOM.name(), false, "test");
        everythingAssessed(sam, tom, unit);
        Launched ivy = ivyLeadIqa();
        Launched ned = launch(platform, NED, course, "activity-" + course);
        UUID plan = plan(ivy, "INTERIM");

        String before = get(ivy.base() + "/iqa/plans/" + plan).body();
        assertThat(before).contains("Observing assessors", "Tom Trainee: not observed in this plan yet",
                "Tom Trainee is a trainee assessor: not observed in this plan yet",
                "/iqa/observations/new?planId=" + plan);
        assertThat(get(ivy.base() + "/iqa").body()).contains("Observe an assessor", "/iqa/observations/new");
        assertThat(get(ivy.base() + "/iqa/observations/new?planId=" + plan).body())
                .contains("Assessor observed", "Tom Trainee", "Sam Student, Unit 224", "Professional discussion")
                .doesNotContain(">Ivy Verifier<");

        LocalDate observedOn = LocalDate.now().minusDays(1);
        String due = LocalDate.now().plusDays(21).toString();
        String recorded = location(postFields(ivy.base() + "/iqa/observations", List.of(
                Map.entry("assessor", TOM.subject()), Map.entry("planId", plan.toString()),
                Map.entry("learnerUnitId", unit.toString()), Map.entry("observedOn", observedOn.toString()),
                Map.entry("method", "OBSERVATION"), Map.entry("site", "Riverside branch, customer desk"),
                Map.entry("observed", "Tom watched Sam reset a customer's online account and questioned her after"),
                Map.entry("outcome", "MEETS_STANDARD"), Map.entry("feedback", "Clear, fair judgements; good questioning"),
                Map.entry("actionText", "Ask more open questions about the service offer"), Map.entry("actionDue", due),
                Map.entry("actionText", ""), Map.entry("actionDue", ""))));
        assertThat(recorded).contains("?recorded");
        UUID observation = idAfter(recorded, "observations");
        assertThat(get(ivy.base() + "/iqa/observations/" + observation).body()).contains("Observation of Tom Trainee",
                "Riverside branch, customer desk", "Sam Student, Unit 224", "meets the standard",
                "Ask more open questions about the service offer").doesNotContain("waiting for a qualified IQA");
        assertThat(get(ivy.base() + "/iqa/observations").body()).contains("Tom Trainee", DAY.format(observedOn));

        String after = get(ivy.base() + "/iqa/plans/" + plan).body();
        assertThat(after).contains("Tom Trainee: observed " + DAY.format(observedOn) + " (Observation, meets the standard)")
                .doesNotContain("Tom Trainee: not observed in this plan yet",
                        "Tom Trainee is a trainee assessor: not observed in this plan yet", "Observation gaps");

        Map<String, Object> event = jdbc.sql("SELECT actor, actor_name, detail FROM audit_event WHERE subject_id = ? "
                + "AND action = 'IQA_OBSERVATION_RECORDED'").param(observation).query().singleRow();
        assertThat(event).containsEntry("actor", IVY.subject()).containsEntry("actor_name", IVY.name());
        assertThat((String) event.get("detail")).contains(TOM.subject(), unit.toString(), plan.toString(),
                observedOn.toString(), "Observation", "Riverside branch, customer desk", "MEETS_STANDARD",
                "Clear, fair judgements; good questioning", "Ask more open questions about the service offer");

        String toms = get(tom.base() + "/iqa-actions").body();
        assertThat(toms).contains("Observations of your practice", "Riverside branch, customer desk",
                "Clear, fair judgements; good questioning", "Ask more open questions about the service offer");
        UUID action = jdbc.sql("SELECT id FROM observation_action WHERE observation_id = ?").param(observation)
                .query(UUID.class).single();
        assertThat(post(ned.base() + "/iqa-actions/observations/" + action + "/done", form("note", "not mine"))
                .statusCode()).as("another tutor").isEqualTo(404);
        assertThat(post(tom.base() + "/iqa-actions/observations/" + action + "/done", form("note", " ")).statusCode())
                .isEqualTo(400);
        assertThat(location(post(tom.base() + "/iqa-actions/observations/" + action + "/done",
                form("note", "Used open questions with Sam on 4 December")))).contains("?done");
        assertThat(jdbc.sql("SELECT done_note FROM observation_action WHERE id = ?").param(action).query(String.class)
                .single()).isEqualTo("Used open questions with Sam on 4 December");
        assertThat(get(tom.base() + "/iqa-actions").body()).contains("Done: Used open questions with Sam on 4 December");
        assertThat(get(ivy.base() + "/iqa/observations").body()).contains("1 open of 1", "1 done by the assessor");

        assertThat(location(post(ivy.base() + "/iqa/observation-actions/" + action + "/close", Map.of())))
                .contains("?closed");
        assertThat(get(tom.base() + "/iqa-actions").body()).contains("No action point from an observation is open");
        assertThat(post(ivy.base() + "/iqa/observation-actions/" + action + "/close", Map.of()).statusCode())
                .as("closed once").isEqualTo(400);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY seq").param(observation)
                .query(String.class).list())
                .containsExactly("IQA_OBSERVATION_RECORDED", "IQA_ACTION_DONE", "IQA_OBSERVATION_ACTION_CLOSED");
        assertThat(audit.verify().intact()).isTrue();

        // an external verifier with a grant for the qualification reads the plan's observations, read-only
        EqaGrants.Issued issued = grants.create(platformId(), new EqaGrants.Request("Erin External",
                "erin@awarding.example.org", "City & Guilds", UUID.fromString(frameworkId()), null, null, LocalDate.now(),
                LocalDate.now().plusDays(3)), "test admin");
        String home = location(post("/eqa/" + issued.linkToken(), form("code", issued.accessCode())));
        String eqa = home.substring(0, home.length() - "/eqa".length());
        assertThat(get(eqa + "/eqa/plans/" + plan).body()).contains("Observations of assessors", "Tom Trainee",
                "Riverside branch, customer desk", "Ask more open questions about the service offer")
                .doesNotContain("/close\"");
        assertThat(get(eqa + "/iqa/observations/" + observation).statusCode()).isEqualTo(403);
    }

    @Test
    void selfObservationNonIqasAndBadInputAreRefusedAndChangeNothing() throws Exception {
        String course = "refuse-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched tom = launch(platform, TOM, course, "activity-" + course);
        everythingAssessed(sam, tom, unit);
        Launched ivy = ivyLeadIqa();
        Launched ned = launch(platform, NED, course, "activity-" + course);
        UUID interim = plan(ivy, "INTERIM");
        UUID summative = plan(ivy, "SUMMATIVE");
        String state = observationState();

        refused(ivy, valid(Map.of("assessor", IVY.subject())), 403, "never observes their own practice");
        refused(ned, valid(Map.of()), 403, "only your centre");
        assertThat(get(ned.base() + "/iqa/observations/new").statusCode()).isEqualTo(403);
        refused(ivy, valid(Map.of("assessor", "someone-who-never-launched")), 400, "is not an assessor of your centre");
        refused(ivy, valid(Map.of("assessor", "")), 400, "choose the assessor you observed");
        refused(ivy, valid(Map.of("site", "  ")), 400, "write where the assessment took place");
        refused(ivy, valid(Map.of("observed", "")), 400, "write what you observed");
        refused(ivy, valid(Map.of("feedback", "")), 400, "write your feedback to the assessor");
        refused(ivy, valid(Map.of("observedOn", LocalDate.now().plusDays(2).toString())), 400, "from a year ago to today");
        refused(ivy, valid(Map.of("observedOn", "4/12/2026")), 400, "is not a date");
        refused(ivy, valid(Map.of("method", "TELEPATHY")), 400, "is not one of the methods listed");
        refused(ivy, valid(Map.of("outcome", "")), 400, "meets the standard or needs development");
        refused(ivy, valid(Map.of("outcome", "DEVELOPMENT_NEEDED")), 400, "set the assessor at least one action point");
        refused(ivy, valid(Map.of("outcome", "DEVELOPMENT_NEEDED", "actionText", "Re-observe",
                "actionDue", LocalDate.now().minusDays(3).toString())), 400, "a due date from today to a year ahead");
        refused(ivy, valid(Map.of("planId", summative.toString())), 400, "observations belong to interim sampling");
        refused(ivy, valid(Map.of("planId", UUID.randomUUID().toString())), 404, "not found");
        refused(ivy, valid(Map.of("planId", interim.toString(), "learnerUnitId", UUID.randomUUID().toString())), 404,
                "not found");
        assertThat(observationState()).isEqualTo(state);
    }

    @Test
    void aTraineeIqasObservationRecordIsCountersignedByAQualifiedIqa() throws Exception {
        String course = "countersign-" + UUID.randomUUID();
        launch(platform, TOM, course, "activity-" + course);
        Launched ivy = ivyLeadIqa();
        Launched tina = launch(platform, TINA, course, "activity-" + course);
        iqas.appoint(platformId(), TINA.subject(), TINA.name(), new IqaPeople.Appointment("TAQA Level 4", true, false, true),
                "test");

        UUID observation = idAfter(location(post(tina.base() + "/iqa/observations", valid(Map.of()))), "observations");
        assertThat(get(tina.base() + "/iqa/observations/" + observation).body())
                .contains("waiting for a qualified IQA to countersign");
        HttpResponse<String> own = post(tina.base() + "/iqa/observations/" + observation + "/countersign", Map.of());
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.body()).contains("only a qualified IQA countersigns");

        assertThat(location(post(ivy.base() + "/iqa/observations/" + observation + "/countersign", Map.of())))
                .contains("?countersigned");
        assertThat(get(ivy.base() + "/iqa/observations/" + observation).body()).contains("Countersigned by Ivy Verifier");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'IQA_OBSERVATION_COUNTERSIGNED'")
                .param(observation).query(Long.class).single()).isEqualTo(1);
        assertThat(post(ivy.base() + "/iqa/observations/" + observation + "/countersign", Map.of()).statusCode())
                .as("twice").isEqualTo(400);
    }

    /** A complete, valid form with some fields replaced. */
    static Map<String, String> valid(Map<String, String> changes) {
        Map<String, String> form = new java.util.LinkedHashMap<>(form("assessor", TOM.subject(),
                "observedOn", LocalDate.now().minusDays(1).toString(), "method", "PROFESSIONAL_DISCUSSION",
                "site", "Head office", "observed", "A professional discussion about handling complaints",
                "outcome", "MEETS_STANDARD", "feedback", "Well structured"));
        form.putAll(changes);
        return form;
    }

    private void refused(Launched who, Map<String, String> form, int status, String message) throws Exception {
        HttpResponse<String> response = post(who.base() + "/iqa/observations", form);
        assertThat(response.statusCode()).as(form.toString()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }

    private String observationState() {
        return jdbc.sql("SELECT * FROM assessor_observation ORDER BY id").query().listOfRows().toString()
                + jdbc.sql("SELECT * FROM observation_action ORDER BY id").query().listOfRows()
                + jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq").query().listOfRows();
    }

    private Launched ivyLeadIqa() throws Exception {
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        iqas.appoint(platformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("TAQA Level 4", false, true, true),
                "test");
        return ivy;
    }

    private UUID plan(Launched lead, String kind) throws Exception {
        return idAfter(location(post(lead.base() + "/iqa/plans", form("title", kind + " plan", "frameworkId",
                frameworkId(), "kind", kind, "baseRate", "10", "raisedRate", "50"))), "plans");
    }

    private UUID platformId() {
        return registry.find(platform.issuer, platform.clientId).orElseThrow().id();
    }
}
