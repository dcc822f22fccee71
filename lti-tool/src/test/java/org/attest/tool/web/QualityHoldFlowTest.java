package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.attest.tool.lti.LtiPrincipal;
import org.attest.tool.portfolio.LearnerUnit;
import org.attest.tool.portfolio.PortfolioRefused;
import org.attest.tool.portfolio.QualityHolds;
import org.attest.tool.portfolio.Verifiers;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Internal quality assurance in the portfolio over HTTP, with a stand-in for the quality module's {@link Verifiers}
 * (Ivy verifies every unit of her centre): a verifier reads a unit of a course she is not in and changes nothing; a
 * hold withdraws the sign-off and drops the LMS score from complete until released; refused holds change nothing.
 */
@Import(QualityHoldFlowTest.StandInVerifiers.class)
class QualityHoldFlowTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("iqa-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person NED = new Person("tutor-ned", "Ned Notverifier", INSTRUCTOR);
    static final QualityHolds.Verifier IVY_VERIFIES = new QualityHolds.Verifier(IVY.subject(), IVY.name());
    static final String SCORES = "/moodle/mod/lti/services.php/2/lineitems/2/lineitem/scores";

    /** The quality module's answer, as a test gives it: Ivy verifies every learner unit of the platform she launches from. */
    @TestConfiguration
    static class StandInVerifiers {
        @Bean
        @Primary // the quality module's own answer is a bean too; this test's stand-in is the one asked
        Verifiers verifiers() {
            return (LtiPrincipal user, LearnerUnit unit) -> IVY.subject().equals(user.subject())
                    && unit.course().platformId().equals(user.platformId());
        }
    }

    @Autowired
    QualityHolds holds;

    @Autowired
    AuditTrail audit;

    @Test
    void aVerifierReadsTheUnitEvidenceAndFilesOfACourseSheIsNotInAndEveryWriteIsRefused() throws Exception {
        String course = "verify-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Observation: account reset", LocalDate.now().minusDays(2), "Customer 3");
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        UUID file = jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(evidence).query(UUID.class).single();
        UUID decision = jdbc.sql("SELECT id FROM assessment_decision WHERE learner_unit_id = ? AND is_current = TRUE")
                .param(unit).query(UUID.class).single();

        String elsewhere = "iqa-room-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, elsewhere, "activity-" + elsewhere);
        Launched ned = launch(platform, NED, elsewhere, "activity-" + elsewhere);

        HttpResponse<String> overview = get(ivy.base() + "/portfolio/" + unit);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Sam Student", "1 of 18 criteria met", "Observation: account reset")
                .doesNotContain("/review\"", "/sign-off\"");
        HttpResponse<String> page = get(ivy.base() + "/evidence/" + evidence);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Observation: account reset", "notes.txt").doesNotContain("/review\"");
        assertThat(get(ivy.base() + "/files/" + file).statusCode()).isEqualTo(200);
        assertThat(get(ivy.base() + "/portfolio/" + unit + "/matrix").statusCode()).isEqualTo(200);
        assertThat(get(ivy.base() + "/evidence/" + evidence + "/review").statusCode()).as("the review form").isEqualTo(404);

        for (String path : List.of("/portfolio/" + unit, "/evidence/" + evidence, "/files/" + file, "/portfolio/" + unit + "/matrix")) {
            assertThat(get(ned.base() + path).statusCode()).as("not a verifier: " + path).isEqualTo(404);
        }

        String before = fingerprint(unit);
        List<HttpResponse<String>> writes = new ArrayList<>();
        writes.add(multipart(ivy.base() + "/portfolio/" + unit + "/evidence",
                evidenceFields("By the verifier", LocalDate.now().toString(), "Customer 9", "OBSERVATION"),
                List.of(new FilePart("files", "iqa.txt", "text/plain", "mine".getBytes()))));
        writes.add(multipart(ivy.base() + "/evidence/" + evidence,
                evidenceFields("Edited by the verifier", LocalDate.now().toString(), "Customer 9", "OBSERVATION"), List.of()));
        writes.add(postFields(ivy.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString()))));
        writes.add(postFields(ivy.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "REJECTED"), Map.entry("outcome." + first.id(), "NOT_YET"))));
        writes.add(post(ivy.base() + "/countersign/decision/" + decision, Map.of()));
        writes.add(post(ivy.base() + "/portfolio/" + unit + "/declaration", form("typedName", IVY.name())));
        writes.add(post(ivy.base() + "/portfolio/" + unit + "/sign-off", form("typedName", IVY.name())));
        writes.add(post(ivy.base() + "/countersign/sign-off/" + unit, form("typedName", IVY.name())));
        assertThat(writes).allSatisfy(w -> assertThat(w.statusCode()).as(w.uri().toString()).isBetween(400, 499));
        assertThat(fingerprint(unit)).isEqualTo(before);
    }

    @Test
    void aHoldWithdrawsTheSignOffAndTheLmsScoreStaysBelowCompleteUntilTheVerifierReleasesIt() throws Exception {
        String course = "hold-" + UUID.randomUUID();
        lmsTakesScores();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        List<UUID> evidence = everythingAssessed(sam, alex, unit);
        assertThat(location(post(sam.base() + "/portfolio/" + unit + "/declaration", form("typedName", SAM.name()))))
                .contains("?declared");
        assertThat(location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name()))))
                .contains("?signedOff");
        assertThat(complete(unit)).isTrue();
        assertThat(lastScore(unit)).containsEntry("reason", "SIGNED_OFF").containsEntry("activity_progress", "Completed");
        awaitDelivered(unit);

        Criterion first = unit224().criteria().findFirst().orElseThrow();
        var held = holds.hold(unit, IVY_VERIFIES, "Sampled: the observation is thin",
                Map.of(first.id(), "the observation does not show the customer's needs"));

        assertThat(held.complete()).isFalse();
        assertThat(held.criteriaMet()).isEqualTo(17);
        assertThat(complete(unit)).isFalse();
        assertThat(jdbc.sql("SELECT withdrawn_at IS NOT NULL FROM unit_signature WHERE learner_unit_id = ? AND kind = 'SIGN_OFF'")
                .param(unit).query(Boolean.class).single()).as("withdrawn, kept").isTrue();
        assertThat(lastScore(unit)).containsEntry("reason", "PROGRESS").containsEntry("activity_progress", "InProgress")
                .containsEntry("score_given", 94.0);
        awaitDelivered(unit);
        JsonNode dropped = lastScoreTheLmsReceived();
        assertThat(dropped.path("activityProgress").asString()).isEqualTo("InProgress");
        assertThat(dropped.path("scoreGiven").asDouble()).isEqualTo(94.0);
        assertThat(get(alex.base() + "/portfolio/" + unit).body()).contains(
                "The internal verifier did not agree: the observation does not show the customer&#39;s needs",
                "the internal verifier has not yet agreed: Sampled: the observation is thin");
        assertThat(get(alex.base() + "/caseload").body()).contains("The internal verifier did not agree: Sampled: the observation is thin");
        assertThat(get(alex.base() + "/queue").body()).contains("Sent back by the internal verifier",
                "The internal verifier did not agree: Sampled: the observation is thin");

        // The assessor judges the criterion again and signs off again: still held, so still not complete.
        postFields(alex.base() + "/evidence/" + evidence.get(0) + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET"),
                Map.entry("feedback." + first.id(), "Looked again with the verifier's note: met")));
        assertThat(location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name()))))
                .contains("?signedOff");
        assertThat(complete(unit)).isFalse();
        assertThat(lastScore(unit)).doesNotContainEntry("activity_progress", "Completed");
        assertThat(get(alex.base() + "/portfolio/" + unit).body()).contains("18 of 18 criteria met",
                "the internal verifier has not yet agreed").doesNotContain(">Complete<");

        var released = holds.release(unit, IVY_VERIFIES, "Agreed after the assessor's second look");
        assertThat(get(alex.base() + "/queue").body()).doesNotContain("Sent back by the internal verifier");

        assertThat(released.complete()).isTrue();
        assertThat(complete(unit)).isTrue();
        assertThat(lastScore(unit)).containsEntry("reason", "SIGNED_OFF").containsEntry("activity_progress", "Completed")
                .containsEntry("score_given", 100.0);
        awaitDelivered(unit);
        assertThat(lastScoreTheLmsReceived().path("activityProgress").asString()).isEqualTo("Completed");
        assertThat(audit.verify().intact()).isTrue();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY seq").param(unit).query(String.class).list())
                .containsSubsequence("UNIT_SIGNED_OFF", "QUALITY_HOLD_PLACED", "DECISION_RECORDED", "UNIT_SIGNED_OFF",
                        "QUALITY_HOLD_RELEASED");
        String placed = jdbc.sql("SELECT detail FROM audit_event WHERE subject_id = ? AND action = 'QUALITY_HOLD_PLACED'")
                .param(unit).query(String.class).single();
        assertThat(placed).contains("Ivy Verifier", "Sampled: the observation is thin", first.code(), "SIGN_OFF");
    }

    @Test
    void refusedHoldsAndReleasesSayWhyAndChangeNothing() throws Exception {
        String course = "refuse-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, unit, "Observation", LocalDate.now().minusDays(1), "Customer 1");
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        Criterion undecided = unit224().criteria().skip(1).findFirst().orElseThrow();
        String before = fingerprint(unit);

        refused(() -> holds.hold(UUID.randomUUID(), IVY_VERIFIES, "reason", Map.of()), PortfolioRefused.Kind.NOT_FOUND,
                "was not found");
        refused(() -> holds.hold(unit, new QualityHolds.Verifier(ALEX.subject(), ALEX.name()), "reason", Map.of()),
                PortfolioRefused.Kind.FORBIDDEN, "An internal verifier never verifies their own assessment decisions");
        refused(() -> holds.hold(unit, IVY_VERIFIES, "  ", Map.of()), PortfolioRefused.Kind.INVALID, "say why");
        refused(() -> holds.hold(unit, IVY_VERIFIES, "reason", Map.of(UUID.randomUUID(), "not in the unit")),
                PortfolioRefused.Kind.INVALID, "is not part of Unit 224");
        refused(() -> holds.hold(unit, IVY_VERIFIES, "reason", Map.of(first.id(), "")), PortfolioRefused.Kind.INVALID,
                "say why you do not agree on " + first.code());
        refused(() -> holds.hold(unit, IVY_VERIFIES, "reason", Map.of(undecided.id(), "nothing decided")),
                PortfolioRefused.Kind.INVALID, "has no assessor's decision");
        refused(() -> holds.release(unit, IVY_VERIFIES, "agreed"), PortfolioRefused.Kind.CONFLICT, "is not held");

        assertThat(fingerprint(unit)).isEqualTo(before);

        holds.hold(unit, IVY_VERIFIES, "interim: observe practice", Map.of());
        String held = fingerprint(unit);
        refused(() -> holds.release(unit, new QualityHolds.Verifier(ALEX.subject(), ALEX.name()), "mine"),
                PortfolioRefused.Kind.FORBIDDEN, "never verifies their own");
        assertThat(fingerprint(unit)).isEqualTo(held);
    }

    private static void refused(Runnable attempt, PortfolioRefused.Kind kind, String message) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(PortfolioRefused.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
    }

    /** Everything a refusal must leave as it was: the unit's rows, its scores, and the head of the audit chain. */
    private String fingerprint(UUID unit) {
        return jdbc.sql("""
                SELECT lu.complete, lu.criteria_met, lu.quality_hold_reason, lu.quality_hold_by,
                    (SELECT COUNT(*) FROM evidence e WHERE e.learner_unit_id = lu.id) AS evidence,
                    (SELECT COUNT(*) FROM evidence_file f JOIN evidence e ON e.id = f.evidence_id WHERE e.learner_unit_id = lu.id) AS files,
                    (SELECT COUNT(*) FROM evidence_mapping m JOIN evidence e ON e.id = m.evidence_id
                        WHERE e.learner_unit_id = lu.id AND m.status = 'CONFIRMED') AS confirmed,
                    (SELECT COUNT(*) FROM assessment_decision d WHERE d.learner_unit_id = lu.id) AS decisions,
                    (SELECT COUNT(*) FROM assessment_decision d WHERE d.learner_unit_id = lu.id AND d.verifier_disagreed IS NOT NULL) AS flagged,
                    (SELECT COUNT(*) FROM assessment_decision d WHERE d.learner_unit_id = lu.id AND d.countersigned_at IS NOT NULL) AS countersigned,
                    (SELECT COUNT(*) FROM unit_signature s WHERE s.learner_unit_id = lu.id AND s.withdrawn_at IS NULL) AS signatures,
                    (SELECT COUNT(*) FROM score_outbox o WHERE o.learner_unit_id = lu.id) AS scores,
                    (SELECT last_seq || ':' || last_hash FROM audit_head) AS audit_head
                FROM learner_unit lu WHERE lu.id = ?""").param(unit).query().singleRow().toString();
    }

    /** The newest score for Sam the LMS's scores service received, by its timestamp. */
    private JsonNode lastScoreTheLmsReceived() {
        JsonMapper json = JsonMapper.builder().build();
        return platform.server.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(SCORES))).stream()
                .map(r -> json.readTree(r.getBodyAsString()))
                .filter(b -> SAM.subject().equals(b.path("userId").asString()))
                .max(java.util.Comparator.comparing(b -> java.time.Instant.parse(b.path("timestamp").asString())))
                .orElseThrow();
    }
}
