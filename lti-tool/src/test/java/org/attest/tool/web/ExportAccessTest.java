package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.lti.internal.OneTimeTokens;
import org.attest.tool.portfolio.Course;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may export what, and that every export is on record (docs/recording-documents.md, "Portfolio export"): a centre
 * administrator exports their own centre's courses and nothing of another platform, and reads no portfolio outside the
 * export; the operator exports any platform's; an IQA exports a course of their centre; an EQA exports what their grant
 * covers, never beyond it, after it ends or once it is revoked; a learner exports no course. Every export (unit,
 * learner, course, administrator's, IQA's, EQA's) puts one PORTFOLIO_EXPORTED entry on each learner unit it holds,
 * with who, their role and which export, and that entry is already in the unit's audit.jsonl; a refusal records
 * nothing and changes nothing.
 */
class ExportAccessTest extends PortfolioTestSupport {

    static final String INSTITUTION_ADMIN = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator";
    static final Person SAM = new Person("access-sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("access-lee", "Lee Learner", LEARNER);
    static final Person ALEX = new Person("access-alex", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("access-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person ADA = new Person("access-ada", "Ada Administrator", INSTITUTION_ADMIN);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    IqaPeople iqas;

    @Autowired
    EqaGrants grants;

    @Autowired
    OneTimeTokens oneTimeTokens;

    @Autowired
    AuditTrail audit;

    @Test
    void aCentreAdministratorExportsTheirCentresCourseAndNothingOfAnotherPlatform() throws Exception {
        String course = "admin-export-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID samsUnit = idAfter(sam.landing(), "portfolio");
        Launched lee = launch(platform, LEE, course, "activity-" + course);
        UUID leesUnit = idAfter(lee.landing(), "portfolio");
        addEvidence(sam, samsUnit, "Observation: online account reset", LocalDate.now().minusDays(2), "Customer 1");
        addEvidence(lee, leesUnit, "Observation: delivery problem", LocalDate.now().minusDays(2), "Customer 2");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        location(postFields(alex.base() + "/records/units/" + samsUnit, List.of(Map.entry("kind", "FEEDBACK"),
                Map.entry("feedback", "Ask open questions"), Map.entry("outcome", "Not yet"))));
        Launched ada = launch(platform, ADA, "staff-" + UUID.randomUUID(), "admin-activity", null);
        UUID otherCentresUnit;
        try (TestPlatform other = TestPlatform.start()) {
            other.register(registry);
            otherCentresUnit = idAfter(launch(other, SAM, course, "activity-" + course).landing(), "portfolio");
        }

        // the admin page lists the centre's course, with its counts and its export link, and not the other centre's
        String page = get(ada.base() + "/admin/exports").body();
        assertThat(page).contains("Portfolio exports", course);
        assertThat(get(ada.base() + "/admin").body()).contains("/admin/exports");
        String key = keyOf(samsUnit);
        assertThat(page).contains("/admin/exports/" + key + ".zip").doesNotContain(keyOf(otherCentresUnit));

        Map<String, byte[]> zip = download(ada.base() + "/admin/exports/" + key + ".zip");
        checkSums(zip);
        for (String folder : List.of("Unit-224-Sam-Student/", "Unit-224-Lee-Learner/")) {
            assertThat(zip.keySet()).contains(folder + "index.pdf", folder + "recording-form.pdf", folder + "audit.jsonl");
            assertThat(zip.keySet()).filteredOn(p -> p.startsWith(folder + "evidence/1-Observation_")).hasSize(1);
        }
        assertThat(zip.keySet()).as("the other modules' documents are in the admin's export too")
                .contains("Unit-224-Sam-Student/records/action-plan-and-feedback-to-candidate-1-v1.pdf");
        assertThat(exportEntries(ADA.subject())).hasSize(2).allSatisfy(e -> assertThat(e.get("detail").toString())
                .contains("\"export\":\"course\"", "\"role\":\"centre administrator\"", "\"learnerUnits\":2"));
        assertThat(exportEntries(ADA.subject())).extracting(e -> e.get("subject_id")).containsExactlyInAnyOrder(samsUnit, leesUnit);
        assertThat(new String(zip.get("Unit-224-Sam-Student/audit.jsonl"), StandardCharsets.UTF_8))
                .as("the export's own entry is in the unit's trail it holds").contains("PORTFOLIO_EXPORTED", "Ada Administrator");

        // another platform's course (a well-formed key), a key that is no course, and the portfolios outside the
        // export: not found, and nothing recorded or changed
        String before = state();
        assertThat(get(ada.base() + "/admin/exports/" + keyOf(otherCentresUnit) + ".zip").statusCode()).isEqualTo(404);
        assertThat(get(ada.base() + "/admin/exports/bm90LWEtY291cnNl.zip").statusCode()).isEqualTo(404);
        assertThat(get(ada.base() + "/portfolio/" + samsUnit).statusCode()).isEqualTo(404);
        assertThat(get(ada.base() + "/portfolio/" + samsUnit + "/export.zip").statusCode()).isEqualTo(404);
        assertThat(state()).isEqualTo(before);
        assertThat(exportEntries(ADA.subject())).hasSize(2);
        // a learner and an assessor have no admin pages
        assertThat(get(sam.base() + "/admin/exports/" + key + ".zip").statusCode()).isEqualTo(403);
        assertThat(get(launch(platform, ALEX, course, "activity-" + course).base() + "/admin/exports").statusCode())
                .isEqualTo(403);
        assertThat(state()).isEqualTo(before);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void theOperatorExportsACourseOfAnyPlatformRecordedAsTheOperator() throws Exception {
        String course = "operator-export-" + UUID.randomUUID();
        UUID unit;
        try (TestPlatform other = TestPlatform.start()) {
            other.register(registry);
            unit = idAfter(launch(other, SAM, course, "activity-" + course).landing(), "portfolio");
        }
        String operator = operatorSession();
        assertThat(get(operator + "/admin/exports").body()).contains("/admin/exports/" + keyOf(unit) + ".zip");

        Map<String, byte[]> zip = download(operator + "/admin/exports/" + keyOf(unit) + ".zip");
        checkSums(zip);
        assertThat(zip.keySet()).contains("Unit-224-Sam-Student/recording-form.pdf");
        List<Map<String, Object>> entries = jdbc.sql("SELECT subject_id, detail FROM audit_event "
                + "WHERE action = 'PORTFOLIO_EXPORTED' AND subject_id = ?").param(unit).query().listOfRows();
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.get("detail").toString())
                .contains("\"role\":\"operator\"", "\"export\":\"course\""));
    }

    @Test
    void anIqaExportsACourseOfTheirCentreAndALearnerOrAnAssessorDoesNot() throws Exception {
        String course = "iqa-export-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID samsUnit = idAfter(sam.landing(), "portfolio");
        UUID leesUnit = idAfter(launch(platform, LEE, course, "activity-" + course).landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        UUID otherCentresUnit;
        Launched otherCentresIqa;
        try (TestPlatform other = TestPlatform.start()) {
            other.register(registry);
            otherCentresUnit = idAfter(launch(other, SAM, course, "activity-" + course).landing(), "portfolio");
            otherCentresIqa = launch(other, IVY, staffRoom, "activity-" + staffRoom);
            iqas.appoint(platformOf(otherCentresUnit), IVY.subject(), IVY.name(),
                    new IqaPeople.Appointment("TAQA Level 4", false, false, true), "test");
        }
        String path = "/iqa/courses/" + keyOf(samsUnit) + "/export.zip";

        // before Ivy is named IQA, and for the course's learner and assessor: refused, nothing recorded
        String before = state();
        assertThat(get(ivy.base() + path).statusCode()).isEqualTo(403);
        assertThat(get(sam.base() + path).statusCode()).isEqualTo(403);
        assertThat(get(alex.base() + path).statusCode()).isEqualTo(403);
        assertThat(get(sam.base() + "/caseload/export.zip").statusCode()).as("a learner exports no course").isEqualTo(403);
        assertThat(get(otherCentresIqa.base() + path).statusCode()).as("another centre's IQA").isEqualTo(404);
        assertThat(state()).isEqualTo(before);

        iqas.appoint(platformOf(samsUnit), IVY.subject(), IVY.name(), new IqaPeople.Appointment("TAQA Level 4", false,
                false, true), "test");
        assertThat(get(ivy.base() + "/iqa").body()).contains(path).doesNotContain(keyOf(otherCentresUnit));
        Map<String, byte[]> zip = download(ivy.base() + path);
        checkSums(zip);
        assertThat(zip.keySet()).contains("Unit-224-Sam-Student/recording-form.pdf", "Unit-224-Lee-Learner/recording-form.pdf");
        assertThat(exportEntries(IVY.subject())).extracting(e -> e.get("subject_id")).containsExactlyInAnyOrder(samsUnit, leesUnit);
        assertThat(exportEntries(IVY.subject())).allSatisfy(e -> assertThat(e.get("detail").toString())
                .contains("\"role\":\"IQA\"", "\"export\":\"course\""));

        String after = state();
        assertThat(get(ivy.base() + "/iqa/courses/" + keyOf(otherCentresUnit) + "/export.zip").statusCode()).isEqualTo(404);
        assertThat(get(ivy.base() + "/iqa/courses/not-a-course/export.zip").statusCode()).isEqualTo(404);
        assertThat(state()).isEqualTo(after);
    }

    @Test
    void anEqaExportsWhatTheGrantCoversAndNothingBeyondItAfterItEndsOrOnceRevoked() throws Exception {
        String course = "eqa-export-" + UUID.randomUUID();
        UUID samsUnit = idAfter(launch(platform, SAM, course, "activity-" + course).landing(), "portfolio");
        UUID leesUnit = idAfter(launch(platform, LEE, course, "activity-" + course).landing(), "portfolio");
        UUID otherCentresUnit;
        try (TestPlatform other = TestPlatform.start()) {
            other.register(registry);
            otherCentresUnit = idAfter(launch(other, SAM, course, "activity-" + course).landing(), "portfolio");
        }
        UUID centre = platformOf(samsUnit);

        // the whole qualification: every learner unit of the centre on it, none of another centre
        EqaGrants.Issued whole = grants.create(centre, request(null), "test admin");
        String eqa = signIn(whole);
        assertThat(get(eqa + "/eqa").body()).contains("/eqa/export.zip");
        Map<String, byte[]> zip = download(eqa + "/eqa/export.zip");
        checkSums(zip);
        Set<String> heldUnits = manifestUnits(zip);
        Set<String> centresUnits = jdbc.sql("SELECT id FROM learner_unit WHERE platform_id = ?").param(centre)
                .query(UUID.class).list().stream().map(UUID::toString).collect(Collectors.toSet());
        assertThat(heldUnits).isEqualTo(centresUnits).contains(samsUnit.toString(), leesUnit.toString())
                .doesNotContain(otherCentresUnit.toString());
        String actor = "eqa:" + whole.grant().id();
        assertThat(exportEntries(actor)).hasSize(centresUnits.size()).allSatisfy(e -> assertThat(e.get("detail").toString())
                .contains("\"role\":\"EQA\"", "\"export\":\"grant\""));

        // a sample-only grant: only the sample
        UUID plan = UUID.randomUUID();
        jdbc.sql("INSERT INTO sampling_plan (id, platform_id, framework_id, title, stage, base_rate, raised_rate, "
                        + "raised_for_months, seed, created_by, created_at) VALUES (?, ?, ?, 'Summative', 'SUMMATIVE', 10, 50, 12, 1, 'Ivy', ?)")
                .params(plan, centre, UUID.fromString(frameworkId()), Timestamp.from(Instant.now())).update();
        jdbc.sql("INSERT INTO sample_item (plan_id, learner_unit_id, origin, reasons, status, changed_by, changed_at) "
                + "VALUES (?, ?, 'ADDED', 'why', 'TO_VERIFY', 'Ivy', ?)").params(plan, leesUnit, Timestamp.from(Instant.now())).update();
        EqaGrants.Issued sampleOnly = grants.create(centre, request(plan), "test admin");
        assertThat(manifestUnits(download(signIn(sampleOnly) + "/eqa/export.zip"))).containsExactly(leesUnit.toString());
        assertThat(exportEntries("eqa:" + sampleOnly.grant().id())).extracting(e -> e.get("subject_id")).containsExactly(leesUnit);

        // another unit of the qualification only: nothing to export; after the end; once revoked: refused, nothing recorded
        EqaGrants.Issued otherUnit = grants.create(centre, request(null), "test admin");
        String narrowed = signIn(otherUnit);
        jdbc.sql("UPDATE eqa_grant SET unit_codes = '225' WHERE id = ?").param(otherUnit.grant().id()).update();
        EqaGrants.Issued ending = grants.create(centre, request(null), "test admin");
        String ended = signIn(ending);
        jdbc.sql("UPDATE eqa_grant SET starts_on = ?, ends_on = ? WHERE id = ?")
                .params(LocalDate.now().minusDays(10), LocalDate.now().minusDays(1), ending.grant().id()).update();
        grants.revoke(centre, whole.grant().id(), "test admin");
        String before = state();
        assertThat(get(narrowed + "/eqa/export.zip").statusCode()).isEqualTo(404);
        assertThat(get(ended + "/eqa/export.zip").statusCode()).isEqualTo(403);
        assertThat(get(eqa + "/eqa/export.zip").statusCode()).isEqualTo(403);
        assertThat(get(eqa + "/portfolio/" + samsUnit + "/export.zip").statusCode()).isEqualTo(404);
        assertThat(state()).isEqualTo(before);
        assertThat(exportEntries(actor)).hasSize(centresUnits.size());
        assertThat(exportEntries("eqa:" + otherUnit.grant().id())).isEmpty();
        assertThat(exportEntries("eqa:" + ending.grant().id())).isEmpty();
    }

    @Test
    void everyExportRecordsOneEntryOnEachLearnerUnitItHoldsWithWhoTheirRoleAndWhichExport() throws Exception {
        String course = "audited-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID samsUnit = idAfter(sam.landing(), "portfolio");
        UUID leesUnit = idAfter(launch(platform, LEE, course, "activity-" + course).landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        long before = exportEntries(SAM.subject()).size();

        Map<String, byte[]> unit = download(sam.base() + "/portfolio/" + samsUnit + "/export.zip");
        List<Map<String, Object>> sams = exportEntries(SAM.subject());
        assertThat(sams).hasSize((int) before + 1);
        assertThat(sams.get(sams.size() - 1)).satisfies(e -> {
            assertThat(e.get("subject_id")).isEqualTo(samsUnit);
            assertThat(e.get("detail").toString()).contains("\"export\":\"unit\"", "\"role\":\"learner\"", "\"learnerUnits\":1");
        });
        String[] trail = new String(unit.get("audit.jsonl"), StandardCharsets.UTF_8).split("\n");
        assertThat(trail[trail.length - 1]).as("the export's own entry is the last line of the unit's trail")
                .contains("PORTFOLIO_EXPORTED", "\\\"export\\\":\\\"unit\\\"");
        String headHash = jdbc.sql("SELECT hash FROM audit_event WHERE action = 'PORTFOLIO_EXPORTED' AND actor = ? "
                + "ORDER BY seq DESC LIMIT 1").param(SAM.subject()).query(String.class).single();
        assertThat(trail[trail.length - 1]).contains(headHash);

        long alexBefore = exportEntries(ALEX.subject()).size();
        download(alex.base() + "/portfolio/" + samsUnit + "/learner-export.zip");
        assertThat(exportEntries(ALEX.subject())).hasSize((int) alexBefore + 1);
        download(alex.base() + "/caseload/export.zip");
        List<Map<String, Object>> alexs = exportEntries(ALEX.subject());
        assertThat(alexs).hasSize((int) alexBefore + 3);
        assertThat(alexs.get((int) alexBefore).get("detail").toString()).contains("\"export\":\"learner\"", "\"role\":\"assessor\"");
        assertThat(alexs.subList((int) alexBefore + 1, alexs.size())).extracting(e -> e.get("subject_id"))
                .containsExactlyInAnyOrder(samsUnit, leesUnit);
        assertThat(alexs.subList((int) alexBefore + 1, alexs.size())).allSatisfy(e -> assertThat(e.get("detail").toString())
                .contains("\"export\":\"course\"", "\"role\":\"assessor\"", "\"learnerUnits\":2"));

        // a refused export records nothing
        String state = state();
        assertThat(get(sam.base() + "/portfolio/" + leesUnit + "/export.zip").statusCode()).isEqualTo(404);
        assertThat(get(sam.base() + "/portfolio/" + leesUnit + "/learner-export.zip").statusCode()).isEqualTo(404);
        assertThat(get(sam.base() + "/caseload/export.zip").statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(state);
        assertThat(audit.verify().intact()).isTrue();
    }

    /** The PORTFOLIO_EXPORTED entries by this actor, oldest first. */
    private List<Map<String, Object>> exportEntries(String actor) {
        return jdbc.sql("SELECT subject_id, detail FROM audit_event WHERE action = 'PORTFOLIO_EXPORTED' AND actor = ? "
                + "ORDER BY seq").param(actor).query().listOfRows();
    }

    private String state() {
        return portfolioState() + jdbc.sql("SELECT last_seq, last_hash FROM audit_head").query().listOfRows();
    }

    private String keyOf(UUID learnerUnit) {
        Map<String, Object> row = jdbc.sql("SELECT platform_id, deployment_id, context_id FROM learner_unit WHERE id = ?")
                .param(learnerUnit).query().singleRow();
        return new Course((UUID) row.get("platform_id"), (String) row.get("deployment_id"), (String) row.get("context_id")).key();
    }

    private UUID platformOf(UUID learnerUnit) {
        return jdbc.sql("SELECT platform_id FROM learner_unit WHERE id = ?").param(learnerUnit).query(UUID.class).single();
    }

    private String operatorSession() throws Exception {
        String token = oneTimeTokens.mint(OneTimeTokens.Purpose.OPERATOR_SETUP, Duration.ofHours(24));
        HttpResponse<String> response = get("/admin/setup/" + token);
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/s/[A-Za-z0-9_-]{64}/.*");
        return location.substring(0, "/s/".length() + 64);
    }

    private String signIn(EqaGrants.Issued issued) throws Exception {
        String home = location(post("/eqa/" + issued.linkToken(), form("code", issued.accessCode())));
        assertThat(home).matches("/s/[A-Za-z0-9_-]{64}/eqa");
        return home.substring(0, home.length() - "/eqa".length());
    }

    private EqaGrants.Request request(UUID planId) {
        return new EqaGrants.Request("Erin External", "erin@awarding.example.org", "City & Guilds",
                UUID.fromString(frameworkId()), null, planId, LocalDate.now(), LocalDate.now().plusDays(3));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> manifestUnits(Map<String, byte[]> zip) {
        Map<String, Object> manifest = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                zip.get("manifest.json"), Map.class);
        return ((List<Map<String, Object>>) manifest.get("learnerUnits")).stream().map(u -> (String) u.get("id"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private Map<String, byte[]> download(String path) throws Exception {
        HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(response.body(), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                files.put(e.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    private static void checkSums(Map<String, byte[]> files) throws IOException {
        String[] lines = new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(files.size() - 2);
        for (String line : lines) {
            assertThat(sha256(files.get(line.substring(66)))).as(line).isEqualTo(line.substring(0, 64));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
