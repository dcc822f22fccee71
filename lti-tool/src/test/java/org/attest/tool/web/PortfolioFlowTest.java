package org.attest.tool.web;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.lti.ProductFamilies;
import org.attest.tool.portfolio.internal.Assessors;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A learner's whole unit over HTTP: two pieces of evidence with files mapped to every criterion and
 * range item, a trainee assessor's review, a qualified countersignature, the learner's declaration
 * and the sign-off, ending with the unit complete and the audit chain intact.
 */
class PortfolioFlowTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person TOM = new Person("trainee-tom", "Tom Trainee", INSTRUCTOR);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);

    @Autowired
    ProductFamilies families;

    @Autowired
    Assessors assessors;

    @Autowired
    AuditTrail audit;

    @Test
    void unitCompletesWhenEveryCriterionAndRangeItemIsCoveredAndSigned() throws Exception {
        String course = "flow-" + UUID.randomUUID();
        lmsTakesScores();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        assertThat(sam.landing()).contains("/portfolio/");
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        assertThat(get(sam.landing()).body()).contains("0 of 18 criteria met", "224.2.4 has no assessed evidence");

        List<UUID> everything = new ArrayList<>();
        unit224().criteria().map(Criterion::id).forEach(everything::add);
        unit224().rangeItems().map(RangeItem::id).forEach(everything::add);

        UUID first = addEvidence(sam, learnerUnit, "Observation: online account reset", LocalDate.now().minusDays(10),
                "Customer 14", "report.pdf", "application/pdf", pdf());
        UUID second = addEvidence(sam, learnerUnit, "Witness testimony: delivery problem", LocalDate.now().minusDays(3),
                "Customer 22", "screen.png", "image/png", png());
        for (UUID evidence : List.of(first, second)) {
            List<Map.Entry<String, String>> items = everything.stream().map(id -> Map.entry("item", id.toString())).toList();
            assertThat(location(postFields(sam.base() + "/evidence/" + evidence + "/map", items))).contains("?mapped");
        }

        Launched tom = launch(platform, TOM, course, "activity-" + course);
        assessors.flag(registry.find(platform.issuer, platform.clientId).orElseThrow().id(), TOM.subject(), TOM.name(), false, "test");
        assertThat(get(tom.landing()).body()).contains("Sam Student");
        assertThat(get(tom.base() + "/queue").body()).contains("Observation: online account reset", "Witness testimony");
        for (UUID evidence : List.of(first, second)) {
            List<Map.Entry<String, String>> review = new ArrayList<>();
            for (UUID id : everything) {
                review.add(Map.entry("verdict." + id, "CONFIRMED"));
            }
            unit224().criteria().forEach(c -> {
                review.add(Map.entry("outcome." + c.id(), "MET"));
                review.add(Map.entry("feedback." + c.id(), "Seen in real work"));
            });
            assertThat(location(postFields(tom.base() + "/evidence/" + evidence + "/review", review))).contains("?reviewed");
        }
        String overview = get(tom.base() + "/portfolio/" + learnerUnit).body();
        assertThat(overview).contains("0 of 18 criteria met", "awaits countersignature");

        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        String queue = get(alex.base() + "/countersign").body();
        List<String> decisions = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/countersign/decision/([0-9a-f-]{36})").matcher(queue);
        while (m.find()) {
            decisions.add(m.group(1));
        }
        assertThat(decisions).hasSize(18);
        for (String decision : decisions) {
            assertThat(location(post(alex.base() + "/countersign/decision/" + decision, Map.of()))).contains("?done");
        }
        assertThat(get(alex.base() + "/portfolio/" + learnerUnit).body())
                .contains("18 of 18 criteria met", "the learner has not signed the declaration");

        HttpResponse<String> earlySignOff = post(tom.base() + "/portfolio/" + learnerUnit + "/sign-off", form("typedName", "Tom Trainee"));
        assertThat(earlySignOff.statusCode()).isEqualTo(409);
        assertThat(earlySignOff.body()).contains("the learner has not signed the declaration yet");

        HttpResponse<String> wrongName = post(sam.base() + "/portfolio/" + learnerUnit + "/declaration", form("typedName", "Someone Else"));
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(wrongName.body()).contains("type your name as your LMS knows it (Sam Student)");
        assertThat(location(post(sam.base() + "/portfolio/" + learnerUnit + "/declaration", form("typedName", "sam  student"))))
                .contains("?declared");

        assertThat(location(post(tom.base() + "/portfolio/" + learnerUnit + "/sign-off", form("typedName", "Tom Trainee"))))
                .contains("?signedOff");
        assertThat(get(tom.base() + "/portfolio/" + learnerUnit).body())
                .contains("the sign-off awaits a qualified assessor").doesNotContain(">Complete<");
        HttpResponse<String> selfCountersign = post(tom.base() + "/countersign/sign-off/" + learnerUnit, form("typedName", "Tom Trainee"));
        assertThat(selfCountersign.statusCode()).isEqualTo(403);

        assertThat(location(post(alex.base() + "/countersign/sign-off/" + learnerUnit, form("typedName", "Alex Assessor"))))
                .contains("?countersigned");
        String done = get(sam.base() + "/portfolio/" + learnerUnit).body();
        assertThat(done).contains("18 of 18 criteria met", ">Complete<").doesNotContain("What is still missing");
        assertThat(jdbc.sql("SELECT complete FROM learner_unit WHERE id = ?").param(learnerUnit).query(Boolean.class).single()).isTrue();

        HttpResponse<String> lateEdit = multipart(sam.base() + "/evidence/" + first,
                evidenceFields("Changed after sign-off", LocalDate.now().toString(), "Customer 14", "OBSERVATION"), List.of());
        assertThat(lateEdit.statusCode()).isEqualTo(409);
        assertThat(lateEdit.body()).contains("is signed off; its evidence can no longer change");

        assertThat(audit.verify().intact()).isTrue();
        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? ORDER BY seq").param(learnerUnit)
                .query(String.class).list();
        assertThat(actions).contains("EVIDENCE_ADDED", "EVIDENCE_MAPPED", "MAPPING_CONFIRMED", "DECISION_RECORDED",
                "DECISION_COUNTERSIGNED", "DECLARATION_SIGNED", "UNIT_SIGNED_OFF", "SIGN_OFF_COUNTERSIGNED");
        assertThat(actions.stream().filter("DECISION_RECORDED"::equals).count())
                .as("each review rests the 18 decisions on more evidence, so each records them afresh").isEqualTo(36);

        String matrix = get(alex.base() + "/portfolio/" + learnerUnit + "/matrix").body();
        assertThat(matrix).contains("224.3.7", "Range 2b", "✓");

        scoresFollowedTheUnitToCompletion(learnerUnit);
    }

    /** Submitted work showed as waiting to be graded, and the sign-off arrived as full marks, Completed and FullyGraded. */
    private void scoresFollowedTheUnitToCompletion(UUID learnerUnit) {
        String lastScore = "SELECT reason, activity_progress, grading_progress, score_given, state FROM score_outbox "
                + "WHERE learner_unit_id = ? ORDER BY created_at DESC, id DESC LIMIT 1";
        Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                "DELIVERED".equals(jdbc.sql(lastScore).param(learnerUnit).query().singleRow().get("state")));
        Map<String, Object> last = jdbc.sql(lastScore).param(learnerUnit).query().singleRow();
        assertThat(last).containsEntry("reason", "SIGNED_OFF").containsEntry("activity_progress", "Completed")
                .containsEntry("grading_progress", "FullyGraded").containsEntry("score_given", 100.0);
        List<String> reasons = jdbc.sql("SELECT reason || ' ' || activity_progress || ' ' || grading_progress FROM score_outbox "
                + "WHERE learner_unit_id = ? ORDER BY created_at, id").param(learnerUnit).query(String.class).list();
        // The test platform is Moodle: every score is FullyGraded so Moodle keeps its number (issue 10).
        assertThat(reasons.get(0)).isEqualTo("EVIDENCE_SUBMITTED Submitted FullyGraded");
        assertThat(reasons).contains("PROGRESS InProgress FullyGraded").noneMatch(r -> r.contains("Pending"));
        List<tools.jackson.databind.JsonNode> completed = platform.server
                .findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/moodle/mod/lti/services.php/2/lineitems/2/lineitem/scores")))
                .stream().map(r -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.getBodyAsString()))
                .filter(b -> "Completed".equals(b.path("activityProgress").asString()) && SAM.subject().equals(b.path("userId").asString()))
                .toList();
        assertThat(completed).isNotEmpty();
        assertThat(completed.get(completed.size() - 1).path("scoreGiven").asDouble()).isEqualTo(100.0);
        assertThat(completed.get(completed.size() - 1).path("gradingProgress").asString()).isEqualTo("FullyGraded");
        assertThat(completed.get(completed.size() - 1).path("comment").asString()).contains("Unit 224 complete");
    }

    @Test
    void aWithdrawnDecisionSendsALowerNewerScore() throws Exception {
        String course = "withdrawn-" + UUID.randomUUID();
        lmsTakesScores();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, learnerUnit, "Observation", LocalDate.now().minusDays(1), "Customer 1",
                "notes.txt", "text/plain", "What I did".getBytes());
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);

        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "NOT_YET"),
                Map.entry("feedback." + first.id(), "Not enough detail after all")));

        List<Map<String, Object>> scores = jdbc.sql("SELECT reason, score_given, activity_progress, score_timestamp FROM score_outbox "
                + "WHERE learner_unit_id = ? ORDER BY created_at, id").param(learnerUnit).query().listOfRows();
        // Adding and mapping evidence: 0, Submitted; the MET decision: 1 of 18 (5); its withdrawal: back to 0, newest.
        assertThat(scores).extracting(r -> r.get("score_given")).endsWith(5.0, 0.0).doesNotContain(100.0);
        assertThat(scores.get(0)).containsEntry("activity_progress", "Submitted");
        assertThat(scores.get(scores.size() - 1)).containsEntry("activity_progress", "InProgress");
        assertThat(jdbc.sql("SELECT DISTINCT grading_progress FROM score_outbox WHERE learner_unit_id = ?").param(learnerUnit)
                .query(String.class).list()).as("Moodle keeps a number only when FullyGraded").containsExactly("FullyGraded");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "DELIVERED".equals(jdbc.sql(
                "SELECT state FROM score_outbox WHERE learner_unit_id = ? ORDER BY created_at DESC, id DESC LIMIT 1")
                .param(learnerUnit).query(String.class).single()));
    }

    @Test
    void aMoodleLearnersProgressIsSentFullyGradedWithTheNumberAndAOneLineComment() throws Exception {
        String course = "moodle-number-" + UUID.randomUUID();
        lmsTakesScores();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, learnerUnit, "Observation", LocalDate.now().minusDays(1), "Customer 1",
                "notes.txt", "text/plain", "What I did".getBytes());
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));

        Map<String, Object> last = lastScore(learnerUnit);
        assertThat(last).containsEntry("grading_progress", "FullyGraded").containsEntry("activity_progress", "InProgress")
                .containsEntry("score_given", 5.0).containsEntry("comment", "1 of 18 criteria met");
        Map<String, Object> waiting = jdbc.sql("SELECT grading_progress, activity_progress, comment FROM score_outbox "
                + "WHERE learner_unit_id = ? AND reason = 'EVIDENCE_SUBMITTED' ORDER BY created_at DESC, id DESC LIMIT 1")
                .param(learnerUnit).query().singleRow();
        assertThat(waiting).containsEntry("grading_progress", "FullyGraded").containsEntry("activity_progress", "Submitted");
        assertThat((String) waiting.get("comment")).startsWith("0 of 18 criteria met; ").endsWith("waiting to be marked");
    }

    @Test
    void aCanvasLearnersWaitingEvidenceIsFlaggedForGradingAndProgressKeepsItsNumber() throws Exception {
        String course = "canvas-number-" + UUID.randomUUID();
        lmsTakesScores();
        UUID platformId = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        families.override(platformId, java.util.Optional.of(ProductFamilies.Family.CANVAS));
        try {
            Launched sam = launch(platform, SAM, course, "activity-" + course);
            UUID learnerUnit = idAfter(sam.landing(), "portfolio");
            UUID evidence = addEvidence(sam, learnerUnit, "Observation", LocalDate.now().minusDays(1), "Customer 1",
                    "notes.txt", "text/plain", "What I did".getBytes());
            Criterion first = unit224().criteria().findFirst().orElseThrow();
            postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));
            assertThat(lastScore(learnerUnit)).as("PendingManual keeps scoreGiven on Canvas and lists it as needs grading")
                    .containsEntry("grading_progress", "PendingManual").containsEntry("activity_progress", "Submitted");

            Launched alex = launch(platform, ALEX, course, "activity-" + course);
            postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                    Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));

            assertThat(lastScore(learnerUnit)).as("Pending would make Canvas ignore scoreGiven")
                    .containsEntry("grading_progress", "FullyGraded").containsEntry("activity_progress", "InProgress")
                    .containsEntry("score_given", 5.0);
        } finally {
            families.override(platformId, java.util.Optional.empty());
        }
    }

    @Test
    void aLaunchRecordsThePlatformsProductFamily() throws Exception {
        UUID platformId = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        registry.updateProductFamily(platformId, "sakai");
        assertThat(families.effective(platformId)).isEqualTo(ProductFamilies.Family.OTHER);

        launch(platform, SAM, "family-" + UUID.randomUUID(), "activity-family");

        assertThat(families.of(platformId).productFamilyCode()).as("the launch's tool_platform claim says moodle").isEqualTo("moodle");
        assertThat(families.effective(platformId)).isEqualTo(ProductFamilies.Family.MOODLE);
    }

    @Test
    void editingAssessedEvidenceMakesANewVersionAndKeepsTheOld() throws Exception {
        String course = "versions-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID learnerUnit = idAfter(sam.landing(), "portfolio");
        UUID evidence = addEvidence(sam, learnerUnit, "Observation", LocalDate.now().minusDays(1), "Customer 1",
                "notes.txt", "text/plain", "What I did".getBytes());
        Criterion first = unit224().criteria().findFirst().orElseThrow();
        postFields(sam.base() + "/evidence/" + evidence + "/map", List.of(Map.entry("item", first.id().toString())));

        HttpResponse<String> inPlace = multipart(sam.base() + "/evidence/" + evidence,
                evidenceFields("Observation (typo fixed)", LocalDate.now().minusDays(1).toString(), "Customer 1", "OBSERVATION"), List.of());
        assertThat(location(inPlace)).endsWith(evidence + "?saved");

        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(Map.entry("verdict." + first.id(), "CLAIMED")));
        HttpResponse<String> stillInPlace = multipart(sam.base() + "/evidence/" + evidence,
                evidenceFields("Observation (typo fixed)", LocalDate.now().minusDays(1).toString(), "Customer 1", "OBSERVATION"), List.of());
        assertThat(location(stillInPlace)).as("a review that left every claim for later assessed nothing").endsWith(evidence + "?saved");

        postFields(alex.base() + "/evidence/" + evidence + "/review", List.of(
                Map.entry("verdict." + first.id(), "CONFIRMED"), Map.entry("outcome." + first.id(), "MET")));
        assertThat(get(alex.base() + "/portfolio/" + learnerUnit).body()).contains("1 of 18 criteria met");

        HttpResponse<String> edited = multipart(sam.base() + "/evidence/" + evidence,
                evidenceFields("Observation, rewritten", LocalDate.now().minusDays(1).toString(), "Customer 1", "OBSERVATION"), List.of());
        String newLocation = location(edited);
        assertThat(newLocation).contains("?newVersion");
        UUID version2 = idAfter(newLocation, "evidence");
        assertThat(version2).isNotEqualTo(evidence);

        Map<String, Object> old = jdbc.sql("SELECT title, version, is_current, status FROM evidence WHERE id = ?").param(evidence).query().singleRow();
        assertThat(old).containsEntry("title", "Observation (typo fixed)").containsEntry("version", 1).containsEntry("is_current", false)
                .containsEntry("status", "ASSESSED");
        String page = get(sam.base() + "/evidence/" + version2).body();
        assertThat(page).contains("Observation, rewritten", "Version 1", "Version 2", "notes.txt", "Claimed, awaiting assessor");
        assertThat(get(alex.base() + "/portfolio/" + learnerUnit).body())
                .as("the decision rested on version 1; version 2 needs assessing").contains("0 of 18 criteria met");
    }

    UUID addEvidence(Launched who, UUID learnerUnit, String title, LocalDate date, String customer, String fileName,
            String type, byte[] content) throws Exception {
        HttpResponse<String> added = multipart(who.base() + "/portfolio/" + learnerUnit + "/evidence",
                evidenceFields(title, date.toString(), customer, "OBSERVATION", "WITNESS_TESTIMONY"),
                List.of(new FilePart("files", fileName, type, content)));
        String location = location(added);
        assertThat(location).contains("/map?added");
        return idAfter(location, "evidence");
    }

    static byte[] pdf() throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] png() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
