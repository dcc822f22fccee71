package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The assessor's recording documents over HTTP (issue 14): Alex, the course's assessor, writes Sam's assessment action
 * plan, observation record, assessment report and feedback; both sign with their typed names; a signed record changes
 * only by a new version, signed again. The observation record becomes evidence (method O) with confirmed mappings in
 * Sam's portfolio, the report's questions a questioning record (method Q). Refusals (no typed name, the wrong name, the
 * wrong person, a superseded or signed version) say what was wrong and change nothing: not the records, not the
 * portfolio, not the audit chain's head.
 */
class AssessorRecordsTest extends PortfolioTestSupport {

    static final Person SAM = new Person("rec-sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("rec-lee", "Lee Learner", LEARNER);
    static final Person ALEX = new Person("rec-alex", "Alex Assessor", INSTRUCTOR);
    static final Person BEA = new Person("rec-bea", "Bea Second", INSTRUCTOR);
    static final Person OLLY = new Person("rec-olly", "Olly Other", INSTRUCTOR);

    @Autowired
    AuditTrail audit;

    record Course(Launched sam, Launched lee, Launched alex, Launched bea, Launched olly, UUID unit) {
    }

    Course course() throws Exception {
        String course = "records-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        return new Course(sam, launch(platform, LEE, course, "act-" + course), launch(platform, ALEX, course, "act-" + course),
                launch(platform, BEA, course, "act-" + course), launch(platform, OLLY, course + "-b", "act-" + course + "-b"),
                unit);
    }

    @Test
    void anAssessmentPlanIsSignedByBothAndChangesOnlyByANewVersionSignedAgain() throws Exception {
        Course c = course();
        assertThat(get(c.sam().base() + "/portfolio/" + c.unit()).body()).contains("/records/units/" + c.unit());
        String form = get(c.alex().base() + "/records/units/" + c.unit() + "/new?kind=ASSESSMENT_PLAN").body();
        assertThat(form).contains("Evidences assessed by", "Direct /e-Observation", "Projects and assignments",
                "Oral questioning", "Professional discussion", "Witness testimony", "Portfolio evidence", "Case study",
                "Supplementary evidence", "Written questions", "Accredited prior achievement", "Work products", "Venue", "Date and time",
                "Action plan/evidence requirements", "Feedback arrangements", "Due date");
        UUID plan = write(c.alex(), c.unit(), plan(LocalDate.now().plusDays(14), "Riverside branch"));
        assertThat(get(c.alex().base() + "/records/" + plan).body()).contains("Draft: not signed yet", "Riverside branch",
                "Direct /e-Observation (planned)", "Oral questioning (planned)", "Sam Student", "Alex Assessor");

        refused(c, c.alex(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", " "), 400,
                "type your name to sign");
        refused(c, c.alex(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Alex Wrong"), 400,
                "the name you typed, &#39;Alex Wrong&#39;, is not your name as your LMS gives it, &#39;Alex Assessor&#39;");
        refused(c, c.sam(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Sam Student"), 403,
                "only the assessor named on this record, Alex Assessor, signs it as assessor");
        refused(c, c.bea(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Bea Second"), 403,
                "this record names Alex Assessor as assessor");
        refused(c, c.bea(), "/records/" + plan + "/sign", form("role", "CANDIDATE", "typedName", "Bea Second"), 403,
                "only the candidate, Sam Student, signs this record as candidate");
        refused(c, c.lee(), "/records/" + plan + "/sign", form("role", "CANDIDATE", "typedName", "Lee Learner"), 404, "");
        refused(c, c.olly(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Olly Other"), 404, "");
        refused(c, c.sam(), "/records/" + plan + "/sign", form("role", "CANDIDATE", "typedName", "Lee Learner"), 400,
                "is not your name as your LMS gives it");

        assertThat(location(post(c.alex().base() + "/records/" + plan + "/sign",
                form("role", "ASSESSOR", "typedName", "  alex   ASSESSOR ")))).contains("?signed");
        refused(c, c.alex(), "/records/" + plan, planFields(LocalDate.now().plusDays(14), "Changed in place"), 409,
                "cannot be changed in place; make a new version");
        refused(c, c.alex(), "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Alex Assessor"), 409,
                "already signed as assessor");
        assertThat(get(c.sam().base() + "/records/" + plan).body()).contains("Signed in part: waiting for the candidate",
                "id=\"sign-candidate\"");
        assertThat(location(post(c.sam().base() + "/records/" + plan + "/sign",
                form("role", "CANDIDATE", "typedName", "Sam Student")))).contains("?signed");
        String signed = get(c.alex().base() + "/records/" + plan).body();
        assertThat(signed).contains("Version 1</span> &middot; <span>Signed</span>", "alex   ASSESSOR (Alex Assessor)",
                "Sam Student (Sam Student)");

        String versioned = location(postFields(c.bea().base() + "/records/" + plan + "/versions",
                planFields(LocalDate.now().plusDays(21), "Head office, training room")));
        UUID second = idAfter(versioned, "records");
        assertThat(second).isNotEqualTo(plan);
        assertThat(get(c.alex().base() + "/records/" + plan).body()).contains("Superseded by a later version", "Riverside branch")
                .doesNotContain("id=\"sign-assessor\"");
        assertThat(get(c.bea().base() + "/records/" + second).body()).contains("Version 2", "Draft: not signed yet",
                "Head office, training room", "Bea Second");
        refused(c, c.sam(), "/records/" + plan + "/sign", form("role", "CANDIDATE", "typedName", "Sam Student"), 409,
                "superseded by a later version; open the current version and sign that");
        refused(c, c.alex(), "/records/" + plan + "/versions", planFields(LocalDate.now(), "Again"), 409,
                "already superseded");
        assertThat(location(post(c.bea().base() + "/records/" + second + "/sign",
                form("role", "ASSESSOR", "typedName", "Bea Second")))).contains("?signed");

        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE subject_id = ? AND action LIKE 'RECORD_%' ORDER BY seq")
                .param(c.unit()).query(String.class).list()).containsExactly("RECORD_WRITTEN", "RECORD_SIGNED",
                "RECORD_SIGNED", "RECORD_NEW_VERSION", "RECORD_SIGNED");
        Map<String, Object> signing = jdbc.sql("SELECT actor, actor_name, detail FROM audit_event WHERE subject_id = ? AND "
                + "action = 'RECORD_SIGNED' ORDER BY seq LIMIT 1").param(c.unit()).query().singleRow();
        assertThat(signing).containsEntry("actor", ALEX.subject()).containsEntry("actor_name", ALEX.name());
        assertThat((String) signing.get("detail")).contains(plan.toString(), "ASSESSOR", "alex   ASSESSOR");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theAssessorSeesPlansDueAndOverdueAndEvidenceLinkedToAPlanFulfilsIt() throws Exception {
        Course c = course();
        UUID late = write(c.alex(), c.unit(), plan(LocalDate.now().minusDays(2), "Late plan venue"));
        UUID soon = write(c.alex(), c.unit(), plan(LocalDate.now().plusDays(5), "Soon plan venue"));
        String caseload = get(c.alex().base() + "/caseload").body();
        assertThat(caseload).contains("id=\"plans-link\">Assessment plans due and overdue", "/records/plans\">Plans</a>");
        // the caseload says, in the learner's row, the earliest plan no evidence fulfils yet
        assertThat(row(caseload, "Sam Student")).contains(">Plan overdue since " + DAY.format(LocalDate.now().minusDays(2)) + "<")
                .doesNotContain("Plan due ");
        String plans = get(c.alex().base() + "/records/plans").body();
        assertThat(section(plans, "id=\"overdue\"", "id=\"due-title\"")).contains(late.toString()).doesNotContain(soon.toString());
        assertThat(section(plans, "id=\"due\"", "id=\"fulfilled-title\"")).contains(soon.toString()).doesNotContain(late.toString());
        assertThat(get(c.olly().base() + "/records/plans").body()).doesNotContain(late.toString(), soon.toString());
        assertThat(get(c.sam().base() + "/records/plans").statusCode()).isEqualTo(403);

        UUID evidence = addEvidence(c.sam(), c.unit(), "Reset a customer's account", LocalDate.now().minusDays(1), "Customer 3");
        UUID lees = addEvidence(c.lee(), idAfter(c.lee().landing(), "portfolio"), "Lee's own", LocalDate.now(), "Customer 4");
        refused(c, c.lee(), "/records/" + late + "/evidence", form("evidenceId", lees.toString()), 404, "");
        refused(c, c.sam(), "/records/" + late + "/evidence", form("evidenceId", evidence.toString()), 409,
                "this plan is not agreed yet: evidence is linked to a plan once the assessor and the candidate have both "
                        + "signed it (draft: not signed yet)");
        post(c.alex().base() + "/records/" + late + "/sign", form("role", "ASSESSOR", "typedName", "Alex Assessor"));
        // half signed: the page says when evidence can be linked instead of offering a form that would be refused
        assertThat(get(c.sam().base() + "/records/" + late).body()).contains("id=\"link-later\"").doesNotContain("id=\"link-evidence\"");
        post(c.sam().base() + "/records/" + late + "/sign", form("role", "CANDIDATE", "typedName", "Sam Student"));
        assertThat(get(c.sam().base() + "/records/" + late).body()).contains("id=\"link-evidence\"").doesNotContain("id=\"link-later\"");
        refused(c, c.alex(), "/records/" + late + "/evidence", form("evidenceId", lees.toString()), 400,
                "choose a piece of evidence of this unit");
        assertThat(location(post(c.sam().base() + "/records/" + late + "/evidence", form("evidenceId", evidence.toString()))))
                .contains("?linked");
        assertThat(get(c.alex().base() + "/records/" + late).body()).contains("Reset a customer&#39;s account");
        assertThat(row(get(c.alex().base() + "/caseload").body(), "Sam Student"))
                .contains(">Plan due " + DAY.format(LocalDate.now().plusDays(5)) + "<").doesNotContain("overdue");
        String after = get(c.alex().base() + "/records/plans").body();
        assertThat(section(after, "id=\"overdue-title\"", "id=\"due-title\"")).doesNotContain(late.toString());
        assertThat(section(after, "id=\"fulfilled\"", "</section>")).contains(late.toString());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'RECORD_EVIDENCE_LINKED'")
                .param(c.unit()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSignedObservationRecordBecomesEvidenceWithTheAssessorsConfirmedMappings() throws Exception {
        Course c = course();
        Criterion criterion = unit224().criteria().findFirst().orElseThrow();
        RangeItem range = unit224().rangeItems().findFirst().orElseThrow();
        assertThat(get(c.alex().base() + "/records/units/" + c.unit() + "/new?kind=OBSERVATION").body())
                .contains("Please record what you saw the candidate do", "Reference to standards", criterion.code(),
                        "Work products", "Photographs", "E-evidence (video, audio, MP3 etc)",
                        "Confirmation by third party (witness testimony etc)");
        List<Map.Entry<String, String>> fields = observation(criterion.id(), range.id());
        refused(c, c.alex(), "/records/units/" + c.unit(), List.of(Map.entry("kind", "OBSERVATION"),
                Map.entry("observedOn", LocalDate.now().toString()), Map.entry("observed", "Saw it")), 400,
                "choose at least one criterion or range item");
        String draft = location(multipart(c.alex().base() + "/records/units/" + c.unit(), fields, List.of(
                new FilePart("file.PHOTOGRAPHS", "till-receipt.txt", "text/plain", "Till receipt 5531".getBytes()))));
        UUID record = idAfter(draft, "records");
        assertThat(observationEvidence(c.unit())).as("unsigned: nothing in the portfolio yet").isEmpty();
        assertThat(get(c.alex().base() + "/records/" + record).body()).contains("till-receipt.txt");

        assertThat(location(post(c.sam().base() + "/records/" + record + "/sign",
                form("role", "CANDIDATE", "typedName", "sam student")))).contains("?signed");
        assertThat(observationEvidence(c.unit())).as("the candidate's signature confirms nothing").isEmpty();
        assertThat(location(post(c.alex().base() + "/records/" + record + "/sign",
                form("role", "ASSESSOR", "typedName", "Alex Assessor")))).contains("?signed");

        List<Map<String, Object>> written = observationEvidence(c.unit());
        assertThat(written).hasSize(1);
        UUID evidence = (UUID) written.get(0).get("id");
        assertThat(written.get(0)).containsEntry("title", "Observation record, version 1").containsEntry("status", "ASSESSED")
                .containsEntry("created_by", ALEX.subject());
        assertThat(lower(jdbc.sql("SELECT item_code, item_kind, status, reviewed_by_name FROM evidence_mapping WHERE "
                + "evidence_id = ? ORDER BY item_kind").param(evidence).query().listOfRows())).containsExactly(
                Map.of("item_code", criterion.code(), "item_kind", "CRITERION", "status", "CONFIRMED",
                        "reviewed_by_name", ALEX.name()),
                Map.of("item_code", range.code(), "item_kind", "RANGE", "status", "CONFIRMED", "reviewed_by_name", ALEX.name()));
        assertThat(get(c.sam().base() + "/portfolio/" + c.unit()).body()).contains("Observation record, version 1");
        assertThat(jdbc.sql("SELECT file_name FROM evidence_file WHERE evidence_id = ?").param(evidence).query(String.class)
                .list()).containsExactly("till-receipt.txt");
        refused(c, c.sam(), "/evidence/" + evidence + "/map", List.of(Map.entry("item", criterion.id().toString())), 409,
                "your assessor recorded this evidence");
        assertThat(get(c.alex().base() + "/records/" + record).body()).contains("Signed", "/evidence/" + evidence,
                "Customer desk, Riverside", "Yes");

        List<Map.Entry<String, String>> more = new ArrayList<>(fields);
        unit224().criteria().skip(1).findFirst().ifPresent(next -> more.add(Map.entry("item", next.id().toString())));
        UUID second = idAfter(location(postFields(c.alex().base() + "/records/" + record + "/versions", more)), "records");
        assertThat(location(post(c.alex().base() + "/records/" + second + "/sign",
                form("role", "ASSESSOR", "typedName", "Alex Assessor")))).contains("?signed");
        List<Map<String, Object>> versions = lower(jdbc.sql("SELECT id, lineage_id, version, is_current FROM evidence WHERE "
                + "learner_unit_id = ? AND methods = 'OBSERVATION' AND created_by = ? ORDER BY version")
                .params(c.unit(), ALEX.subject()).query().listOfRows());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("is_current", false).containsEntry("id", evidence);
        assertThat(versions.get(1)).containsEntry("is_current", true).containsEntry("lineage_id", evidence)
                .containsEntry("version", 2);
        assertThat(jdbc.sql("SELECT file_name FROM evidence_file WHERE evidence_id = ?").param(versions.get(1).get("id"))
                .query(String.class).list()).as("the new version keeps the attached file").containsExactly("till-receipt.txt");
        String before = state();
        HttpResponse<String> feedbackWithFile = multipart(c.alex().base() + "/records/units/" + c.unit(), List.of(
                Map.entry("kind", "FEEDBACK"), Map.entry("feedback", "F"), Map.entry("outcome", "O")),
                List.of(new FilePart("file.PHOTOGRAPHS", "x.txt", "text/plain", "x".getBytes())));
        assertThat(feedbackWithFile.statusCode()).isEqualTo(400);
        assertThat(feedbackWithFile.body()).contains("the Action plan and feedback to candidate takes none");
        assertThat(state()).isEqualTo(before);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anAssessmentReportAsksTheFormsQuestionsAndItsQuestionsBecomeAQuestioningRecord() throws Exception {
        Course c = course();
        Criterion criterion = unit224().criteria().findFirst().orElseThrow();
        assertThat(get(c.alex().base() + "/records/units/" + c.unit() + "/new?kind=ASSESSMENT_REPORT").body()).contains(
                "Are more skills and techniques evidence required?", "Is more knowledge evidence required?",
                "Is more portfolio evidence required?", "Have all the skills and techniques/competencies been met?",
                "Have the knowledge and understanding requirements been met?",
                "Is the portfolio evidence valid, sufficient, current and authentic?",
                "Has the evidence been properly authenticated?", "Assessors comments", "Outcome of assessment");
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("kind", "ASSESSMENT_REPORT"),
                Map.entry("skills", "Skills and knowledge"), Map.entry("comments", "Good progress"),
                Map.entry("outcome", "Competent in element 1"), Map.entry("question", "How do you check identity?"),
                Map.entry("candidateAnswer", "Two security questions, then the date of birth"),
                Map.entry("item", criterion.id().toString())));
        for (String q : List.of("MORE_SKILLS", "MORE_PORTFOLIO", "COMPETENCES_MET", "KNOWLEDGE_MET", "VACS", "AUTHENTICATED")) {
            fields.add(Map.entry("answer." + q, q.startsWith("MORE") ? "no" : "yes"));
        }
        refused(c, c.alex(), "/records/units/" + c.unit(), fields, 400,
                "answer yes or no: Is more knowledge evidence required?");
        fields.add(Map.entry("answer.MORE_KNOWLEDGE", "no"));
        UUID report = write(c.alex(), c.unit(), fields);
        assertThat(get(c.sam().base() + "/records/" + report).body()).contains("How do you check identity?",
                "Two security questions, then the date of birth", "Competent in element 1");
        assertThat(location(post(c.alex().base() + "/records/" + report + "/sign",
                form("role", "ASSESSOR", "typedName", "Alex Assessor")))).contains("?signed");
        Map<String, Object> questioning = jdbc.sql("SELECT id, account FROM evidence WHERE learner_unit_id = ? AND methods = "
                + "'QUESTIONING'").param(c.unit()).query().singleRow();
        assertThat((String) questioning.get(key(questioning, "account"))).contains("Q: How do you check identity?",
                "A: Two security questions, then the date of birth");
        assertThat(jdbc.sql("SELECT status FROM evidence_mapping WHERE evidence_id = ? AND item_id = ?")
                .params(questioning.get(key(questioning, "id")), criterion.id()).query(String.class).single())
                .isEqualTo("CONFIRMED");
        assertThat(location(post(c.sam().base() + "/records/" + report + "/sign",
                form("role", "CANDIDATE", "typedName", "Sam Student")))).contains("?signed");
    }

    @Test
    void feedbackToTheCandidateIsSignedByTheAssessorAlone() throws Exception {
        Course c = course();
        UUID feedback = write(c.alex(), c.unit(), List.of(Map.entry("kind", "FEEDBACK"), Map.entry("skills", "Skills"),
                Map.entry("feedback", "Ask open questions first"), Map.entry("outcome", "Not yet competent in 1.3")));
        refused(c, c.sam(), "/records/" + feedback + "/sign", form("role", "CANDIDATE", "typedName", "Sam Student"), 400,
                "is not signed by the candidate");
        refused(c, c.sam(), "/records/" + feedback, List.of(Map.entry("feedback", "I did great"),
                Map.entry("outcome", "Competent")), 404, "");
        assertThat(location(post(c.alex().base() + "/records/" + feedback + "/sign",
                form("role", "ASSESSOR", "typedName", "Alex Assessor")))).contains("?signed");
        assertThat(get(c.sam().base() + "/records/units/" + c.unit()).body()).contains(
                "Action plan and feedback to candidate", "Signed");
    }

    /** Posts as {@code who}; the answer has the status and message, and the records, portfolio and audit head are as before. */
    @Test
    void anAssessorDiscardsTheirUnsignedDraftWithItsFilesAndASignedVersionBecomesCurrentAgain() throws Exception {
        Course c = course();
        Criterion criterion = unit224().criteria().findFirst().orElseThrow();
        UUID draft = idAfter(location(multipart(c.alex().base() + "/records/units/" + c.unit(), observation(criterion.id()),
                List.of(new FilePart("file.PHOTOGRAPHS", "till.txt", "text/plain", "Till 77".getBytes())))), "records");
        Path file = stored(draft).get(0);
        assertThat(file).isRegularFile();
        assertThat(get(c.alex().base() + "/records/" + draft).body()).contains("id=\"discard\"", "Discard this draft");
        assertThat(get(c.bea().base() + "/records/" + draft).body()).doesNotContain("id=\"discard\"");

        refused(c, c.sam(), "/records/" + draft + "/discard", Map.of(), 404, "");
        refused(c, c.olly(), "/records/" + draft + "/discard", Map.of(), 404, "");
        refused(c, c.bea(), "/records/" + draft + "/discard", Map.of(), 403, "this draft is Alex Assessor&#39;s; only they can discard it");
        assertThat(location(post(c.alex().base() + "/records/" + draft + "/discard", Map.of())))
                .endsWith("/records/units/" + c.unit() + "?discarded");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assessor_record WHERE id = ?").param(draft).query(Long.class).single()).isZero();
        assertThat(file).as("the draft's file goes with it").doesNotExist();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_id = ? AND action = 'RECORD_DISCARDED'")
                .param(c.unit()).query(Long.class).single()).isEqualTo(1);

        UUID plan = write(c.alex(), c.unit(), plan(LocalDate.now().plusDays(7), "Riverside branch"));
        post(c.alex().base() + "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Alex Assessor"));
        refused(c, c.alex(), "/records/" + plan + "/discard", Map.of(), 409, "this record is signed");
        UUID second = idAfter(location(postFields(c.alex().base() + "/records/" + plan + "/versions",
                planFields(LocalDate.now().plusDays(9), "Leeds branch"))), "records");
        assertThat(location(post(c.alex().base() + "/records/" + second + "/discard", Map.of())))
                .endsWith("/records/" + plan + "?discarded");
        assertThat(jdbc.sql("SELECT superseded_at FROM assessor_record WHERE id = ?").param(plan).query().singleRow()
                .get("superseded_at")).as("version 1 is current again").isNull();
        assertThat(get(c.alex().base() + "/records/" + plan).body()).contains("Riverside branch", "Make a new version")
                .doesNotContain("Leeds branch");
    }

    /**
     * The files stored for a record's attachments, where the file store keeps them: under one of the test file stores'
     * folders in target/test-files (each test context has its own, named at random).
     */
    private List<Path> stored(UUID record) throws java.io.IOException {
        String content = jdbc.sql("SELECT content FROM assessor_record WHERE id = ?").param(record).query(String.class).single();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"storageKey\"\\s*:\\s*\"([^\"]+)\"").matcher(content);
        List<Path> files = new ArrayList<>();
        while (key.find()) {
            String k = key.group(1);
            try (java.util.stream.Stream<Path> stores = java.nio.file.Files.list(Path.of("target", "test-files"))) {
                stores.map(store -> store.resolve(k)).filter(java.nio.file.Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).as("the record's stored files").isNotEmpty();
        return files;
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.UK);

    /** The caseload's row of one learner. */
    private static String row(String caseload, String learner) {
        int at = caseload.indexOf("data-learner=\"" + learner + "\"");
        assertThat(at).as(learner + "'s row in the caseload").isNotNegative();
        return caseload.substring(at, caseload.indexOf("</tr>", at));
    }

    private void refused(Course c, Launched who, String path, Object fields, int status, String message) throws Exception {
        String before = state();
        @SuppressWarnings("unchecked")
        HttpResponse<String> response = fields instanceof Map<?, ?> map
                ? post(who.base() + path, (Map<String, String>) map)
                : postFields(who.base() + path, (List<Map.Entry<String, String>>) fields);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
        assertThat(state()).as("a refusal changes nothing").isEqualTo(before);
    }

    private String state() {
        StringBuilder state = new StringBuilder(portfolioState());
        for (String sql : List.of("SELECT * FROM assessor_record ORDER BY id", "SELECT * FROM record_signature ORDER BY record_id, role",
                "SELECT * FROM plan_evidence ORDER BY plan_lineage_id, evidence_id", "SELECT * FROM audit_head")) {
            state.append(jdbc.sql(sql).query().listOfRows()).append('\n');
        }
        return state.toString();
    }

    private UUID write(Launched who, UUID unit, List<Map.Entry<String, String>> fields) throws Exception {
        String written = location(postFields(who.base() + "/records/units/" + unit, fields));
        assertThat(written).contains("?written");
        return idAfter(written, "records");
    }

    private static List<Map.Entry<String, String>> plan(LocalDate due, String venue) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("kind", "ASSESSMENT_PLAN")));
        fields.addAll(planFields(due, venue));
        return fields;
    }

    private static List<Map.Entry<String, String>> planFields(LocalDate due, String venue) {
        return List.of(Map.entry("skills", "Skills"), Map.entry("venue", venue),
                Map.entry("when", due.minusDays(1) + "T10:30"), Map.entry("methods", "OBSERVATION"),
                Map.entry("methods", "QUESTIONING"), Map.entry("requirements", "Observe two customer calls"),
                Map.entry("feedbackArrangements", "Verbal feedback after, written within a week"),
                Map.entry("dueOn", due.toString()));
    }

    private static List<Map.Entry<String, String>> observation(UUID... items) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("kind", "OBSERVATION"),
                Map.entry("observedOn", LocalDate.now().toString()),
                Map.entry("observed", "Sam greeted the customer, checked their identity and reset the account"),
                Map.entry("workProducts", "Customer desk, Riverside: the call log in the red file")));
        for (UUID id : items) {
            fields.add(Map.entry("item", id.toString()));
        }
        return fields;
    }

    private List<Map<String, Object>> observationEvidence(UUID unit) {
        return lower(jdbc.sql("SELECT id, title, status, created_by FROM evidence WHERE learner_unit_id = ? AND methods = "
                + "'OBSERVATION' AND created_by = ?").params(unit, ALEX.subject()).query().listOfRows());
    }

    /** Rows with their column names in lower case (H2 gives them upper case, PostgreSQL lower case). */
    private static List<Map<String, Object>> lower(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> lower = new java.util.LinkedHashMap<>();
            row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
            return lower;
        }).toList();
    }

    /** The key of a column in a row as the database names it (upper case on H2, lower case on PostgreSQL). */
    private static String key(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElseThrow();
    }

    private static String section(String html, String from, String to) {
        int start = html.indexOf(from);
        if (start < 0) {
            return "";
        }
        int end = html.indexOf(to, start);
        return end < 0 ? html.substring(start) : html.substring(start, end);
    }
}
