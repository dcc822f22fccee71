package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.lti.TestPlatform;
import org.attest.tool.portfolio.audit.AuditTrail;
import org.attest.tool.quality.internal.EqaGrants;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * External verifiers (EQAs) over HTTP: the one-time link and the code sign them in once; five wrong codes lock the
 * link; they read the learner units their centre's grant covers, read-only, and nothing else (another unit, another
 * qualification, another centre, outside the plan's sample, before the start, after the end, after revocation, at
 * once for a live session); every page they open is in the audit trail with its path and learner unit; every refusal
 * leaves the portfolio, the grants and the audit chain as they were.
 */
class EqaAccessTest extends PortfolioTestSupport {

    static final Person SAM = new Person("learner-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("assessor-alex", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("iqa-ivy-eqa", "Ivy Verifier", INSTRUCTOR);

    @Autowired
    IqaPeople iqas;

    @Autowired
    EqaGrants grants;

    @Autowired
    AuditTrail audit;

    @Test
    void theLinkAndCodeSignInOnceAndTheEqaReadsOnlyWhatTheGrantCoversAndEveryViewIsAudited() throws Exception {
        String course = "eqa-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID evidence = idAfter(location(multipart(sam.base() + "/portfolio/" + unit + "/evidence",
                evidenceFields("Observation: account reset", LocalDate.now().minusDays(2).toString(), "Customer 1",
                        "OBSERVATION"), List.of())), "evidence");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        EqaGrants.Issued issued = grants.create(platformId(), request(null, null), "test admin");

        // the link page asks for the code and uses nothing up
        assertThat(get("/eqa/" + issued.linkToken()).body()).contains("Erin External", "Access code");
        assertThat(get("/eqa/" + "x".repeat(43)).statusCode()).isEqualTo(404);

        String eqa = signIn(issued);
        HttpResponse<String> again = post("/eqa/" + issued.linkToken(), form("code", issued.accessCode()));
        assertThat(again.statusCode()).as("the link works once").isEqualTo(404);
        assertThat(again.body()).contains("may have been used already");

        String home = get(eqa + "/eqa").body();
        assertThat(home).contains("External verification", "Sam Student", "/portfolio/" + unit, "/eqa/units/" + unit);
        String portfolio = get(eqa + "/portfolio/" + unit).body();
        assertThat(portfolio).contains("Sam Student").doesNotContain("/sign-off\"");
        assertThat(get(eqa + "/evidence/" + evidence).statusCode()).isEqualTo(200);
        assertThat(get(eqa + "/eqa/units/" + unit).body()).contains("IQA decisions", "Sam Student");
        assertThat(get(eqa + "/about").statusCode()).isEqualTo(200);
        HttpResponse<String> form = get(eqa + "/portfolio/" + unit + "/recording-form.pdf");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Content-Type")).hasValue("application/pdf");
        HttpResponse<String> export = get(eqa + "/portfolio/" + unit + "/export.zip");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");

        // the views are in the hash-chained trail, with path and learner unit, never the session token
        List<Map<String, Object>> views = jdbc.sql("SELECT subject_id, detail FROM audit_event WHERE action = 'EXTERNAL_VIEW' "
                + "AND actor = ? ORDER BY seq").param("eqa:" + issued.grant().id()).query().listOfRows();
        assertThat(views).extracting(v -> v.get("detail").toString()).anyMatch(d -> d.contains("\"path\":\"/portfolio/" + unit + "\""))
                .anyMatch(d -> d.contains("\"path\":\"/evidence/" + evidence + "\""))
                .anyMatch(d -> d.contains("\"path\":\"/portfolio/" + unit + "/recording-form.pdf\""))
                .anyMatch(d -> d.contains("\"path\":\"/portfolio/" + unit + "/export.zip\""))
                .allMatch(d -> !d.contains(eqa.substring(3)));
        assertThat(views).filteredOn(v -> v.get("detail").toString().contains("/portfolio/"))
                .extracting(v -> v.get("subject_id")).containsOnly(unit);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'PORTFOLIO_EXPORTED' AND actor = ? AND subject_id = ?")
                .params("eqa:" + issued.grant().id(), unit).query(String.class).list())
                .as("the export itself is on the unit's record, with the EQA's role").singleElement().asString()
                .contains("\"role\":\"EQA\"", "\"export\":\"unit\"");
        assertThat(audit.verify().intact()).isTrue();

        // every write of the portfolio and of quality assurance refuses the EQA, and changes nothing
        String before = state();
        for (HttpResponse<String> write : List.of(
                post(eqa + "/portfolio/" + unit + "/sign-off", form("typedName", "Erin External")),
                post(eqa + "/portfolio/" + unit + "/declaration", form("typedName", "Erin External")),
                post(eqa + "/evidence/" + evidence, form("title", "changed")),
                post(eqa + "/evidence/" + evidence + "/map", form("item", UUID.randomUUID().toString())),
                post(eqa + "/evidence/" + evidence + "/review", form("outcome.x", "MET")),
                multipart(eqa + "/portfolio/" + unit + "/evidence", evidenceFields("Forged", LocalDate.now().toString(),
                        "Customer 9", "OBSERVATION"), List.of()),
                post(eqa + "/iqa/units/" + unit, form("outcome", "AGREE", "feedback", "fine")),
                post(eqa + "/iqa/plans", form("title", "x", "frameworkId", frameworkId(), "kind", "INTERIM")),
                post(eqa + "/iqa/learners", form("learnerSubject", SAM.subject(), "employer", "Forged Ltd")),
                post(eqa + "/iqa/ulns", form("learnerSubject", SAM.subject(), "uln", "9276308686")),
                post(eqa + "/caseload/roster", Map.of()),
                post(eqa + "/bind", form("frameworkId", frameworkId(), "unitCode", "224")))) {
            assertThat(write.statusCode()).as(write.body()).isGreaterThanOrEqualTo(400);
        }
        assertThat(get(eqa + "/admin").statusCode()).isEqualTo(403);
        assertThat(get(eqa + "/caseload").statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(state()).isEqualTo(before);

        // a revocation ends the live session's access at once
        grants.revoke(platformId(), issued.grant().id(), "test admin");
        String revoked = state();
        assertThat(get(eqa + "/portfolio/" + unit).statusCode()).isEqualTo(404);
        assertThat(get(eqa + "/portfolio/" + unit + "/recording-form.pdf").statusCode()).isEqualTo(404);
        assertThat(get(eqa + "/portfolio/" + unit + "/export.zip").statusCode()).isEqualTo(404);
        assertThat(get(eqa + "/eqa").statusCode()).isEqualTo(403);
        assertThat(get(eqa + "/eqa/units/" + unit).statusCode()).isEqualTo(403);
        assertThat(state()).as("refusals record nothing").isEqualTo(revoked);
        assertThat(get(alex.base() + "/portfolio/" + unit).statusCode()).isEqualTo(200);
    }

    @Test
    void outsideTheGrantBeforeItStartsAndAfterItEndsTheEqaIsRefusedAndNothingChanges() throws Exception {
        String course = "eqa-out-" + UUID.randomUUID();
        UUID unit = idAfter(launch(platform, SAM, course, "activity-" + course).landing(), "portfolio");
        UUID otherCentreUnit;
        try (TestPlatform other = TestPlatform.start()) {
            other.register(registry);
            otherCentreUnit = idAfter(launch(other, SAM, course, "activity-" + course).landing(), "portfolio");
        }

        // a grant for another unit of the qualification (the test framework has Unit 224 only, so the grant is
        // narrowed in the table): refused
        EqaGrants.Issued otherUnit = grants.create(platformId(), request("224", null), "test admin");
        String eqaOtherUnit = signIn(otherUnit);
        assertThat(get(eqaOtherUnit + "/portfolio/" + unit).statusCode()).isEqualTo(200);
        jdbc.sql("UPDATE eqa_grant SET unit_codes = '225' WHERE id = ?").param(otherUnit.grant().id()).update();
        assertRefused(eqaOtherUnit, unit);
        // the whole qualification, but a unit in another centre: refused; the centre's own: read
        EqaGrants.Issued wholeIssued = grants.create(platformId(), request(null, null), "test admin");
        String whole = signIn(wholeIssued);
        assertRefused(whole, otherCentreUnit);
        assertThat(get(whole + "/portfolio/" + unit).statusCode()).isEqualTo(200);
        // another qualification: refused
        jdbc.sql("UPDATE eqa_grant SET framework_id = ? WHERE id = ?").params(UUID.randomUUID(), wholeIssued.grant().id()).update();
        assertRefused(whole, unit);

        // a sampling plan's sample only: refused until the unit is in the sample
        UUID plan = UUID.randomUUID();
        jdbc.sql("INSERT INTO sampling_plan (id, platform_id, framework_id, title, stage, base_rate, raised_rate, "
                        + "raised_for_months, seed, created_by, created_at) VALUES (?, ?, ?, 'Summative', 'SUMMATIVE', 10, 50, 12, 1, 'Ivy', ?)")
                .params(plan, platformId(), UUID.fromString(frameworkId()), Timestamp.from(Instant.now())).update();
        String sampled = signIn(grants.create(platformId(), request(null, plan), "test admin"));
        assertRefused(sampled, unit);
        jdbc.sql("INSERT INTO sample_item (plan_id, learner_unit_id, origin, reasons, status, changed_by, changed_at) "
                + "VALUES (?, ?, 'ADDED', 'why', 'TO_VERIFY', 'Ivy', ?)").params(plan, unit, Timestamp.from(Instant.now())).update();
        assertThat(get(sampled + "/portfolio/" + unit).statusCode()).isEqualTo(200);
        assertThat(get(sampled + "/eqa/plans/" + plan).body()).contains("Summative", "Sam Student", "Sampling matrix");

        // before the start and after the end: the link refuses and changes nothing, and a live session loses access
        EqaGrants.Issued later = grants.create(platformId(), new EqaGrants.Request("Erin External", "erin@example.org",
                "Pearson", UUID.fromString(frameworkId()), "", null, LocalDate.now().plusDays(2), LocalDate.now().plusDays(4)),
                "test admin");
        String before = state();
        HttpResponse<String> early = post("/eqa/" + later.linkToken(), form("code", later.accessCode()));
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(early.body()).contains("This access starts on " + LocalDate.now().plusDays(2));
        assertThat(state()).isEqualTo(before);

        EqaGrants.Issued ending = grants.create(platformId(), request(null, null), "test admin");
        String live = signIn(ending);
        jdbc.sql("UPDATE eqa_grant SET starts_on = ?, ends_on = ? WHERE id = ?")
                .params(LocalDate.now().minusDays(10), LocalDate.now().minusDays(1), ending.grant().id()).update();
        String expired = state();
        assertRefused(live, unit);
        assertThat(state()).isEqualTo(expired);
        jdbc.sql("UPDATE eqa_grant SET link_hash = ? WHERE id = ?").params(sha256(ending.linkToken()), ending.grant().id()).update();
        HttpResponse<String> late = post("/eqa/" + ending.linkToken(), form("code", ending.accessCode()));
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("This access ended on " + LocalDate.now().minusDays(1));
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void wrongCodesCountAndTheFifthLocksTheLinkUntilTheCentreIssuesANewOne() throws Exception {
        EqaGrants.Issued issued = grants.create(platformId(), request(null, null), "test admin");
        for (int attempt = 1; attempt <= 4; attempt++) {
            HttpResponse<String> wrong = post("/eqa/" + issued.linkToken(), form("code", "WRONG" + attempt));
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("That access code is not right", (5 - attempt) + " tr");
        }
        HttpResponse<String> fifth = post("/eqa/" + issued.linkToken(), form("code", "WRONG5"));
        assertThat(fifth.statusCode()).isEqualTo(403);
        assertThat(fifth.body()).contains("this link is now locked");
        String locked = state();
        HttpResponse<String> right = post("/eqa/" + issued.linkToken(), form("code", issued.accessCode()));
        assertThat(right.statusCode()).as("even the right code, once locked").isEqualTo(403);
        assertThat(right.body()).contains("locked after 5 wrong access codes");
        assertThat(state()).isEqualTo(locked);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EQA_SIGN_IN_REFUSED' AND actor = ?")
                .param("eqa:" + issued.grant().id()).query(Long.class).single()).isEqualTo(5);

        EqaGrants.Issued reissued = grants.reissue(platformId(), issued.grant().id(), "test admin");
        assertThat(post("/eqa/" + issued.linkToken(), form("code", reissued.accessCode())).statusCode()).isEqualTo(404);
        signIn(reissued);
    }

    @Test
    void theEqaWritesAVisitReportWithActionsAndBadInputChangesNothing() throws Exception {
        EqaGrants.Issued issued = grants.create(platformId(), request(null, null), "test admin");
        String eqa = signIn(issued);
        String before = state();
        for (Map.Entry<Map<String, String>, String> bad : List.of(
                Map.entry(form("visitOn", LocalDate.now().toString(), "summary", " ", "outcome", "LEVEL_1"),
                        "write a summary of the visit"),
                Map.entry(form("visitOn", "yesterday", "summary", "ok", "outcome", "LEVEL_1"), "is not a date"),
                Map.entry(form("visitOn", LocalDate.now().plusDays(1).toString(), "summary", "ok", "outcome", "LEVEL_1"),
                        "is in the future"),
                Map.entry(form("visitOn", LocalDate.now().toString(), "summary", "x".repeat(8001), "outcome", "LEVEL_1"),
                        "8001 characters long"),
                Map.entry(form("visitOn", LocalDate.now().toString(), "summary", "ok", "outcome", "GOLD_STAR"),
                        "is not one of the outcomes"),
                Map.entry(form("visitOn", LocalDate.now().toString(), "summary", "ok", "outcome", "LEVEL_1",
                        "actionText", "Standardise witness statements"), "give a due date for the action"))) {
            HttpResponse<String> refused = post(eqa + "/eqa/report", bad.getKey());
            assertThat(refused.statusCode()).as(bad.getValue()).isEqualTo(400);
            assertThat(refused.body()).contains(bad.getValue());
        }
        assertThat(state()).isEqualTo(before);

        String due = LocalDate.now().plusDays(30).toString();
        assertThat(location(postFields(eqa + "/eqa/report", List.of(Map.entry("visitOn", LocalDate.now().toString()),
                Map.entry("summary", "Sampling is well planned; witness statements vary."), Map.entry("outcome", "LEVEL_1"),
                Map.entry("actionText", "Standardise witness statements"), Map.entry("actionDue", due),
                Map.entry("actionText", ""), Map.entry("actionDue", ""))))).contains("/eqa?reported");
        assertThat(jdbc.sql("SELECT text FROM eqa_report_action a JOIN eqa_report r ON r.id = a.report_id WHERE r.grant_id = ?")
                .param(issued.grant().id()).query(String.class).list()).containsExactly("Standardise witness statements");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EQA_REPORT_WRITTEN' AND actor = ?")
                .param("eqa:" + issued.grant().id()).query(Long.class).single()).isEqualTo(1);
        assertThat(get(eqa + "/eqa").body()).contains("Action plan with agreed timescales: direct claims status maintained (sanction level 1)");

        // the centre's IQAs read it; a tutor who is not an IQA does not
        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        iqas.appoint(platformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("TAQA Level 4", false, false, true),
                "test");
        assertThat(get(ivy.base() + "/iqa/eqa-reports").body()).contains("Erin External", "City &amp; Guilds",
                "Sampling is well planned; witness statements vary.", "Standardise witness statements (by " + due + ")");
        assertThat(get(launch(platform, ALEX, staffRoom, "activity-" + staffRoom).base() + "/iqa/eqa-reports").statusCode())
                .isEqualTo(403);
    }

    private String signIn(EqaGrants.Issued issued) throws Exception {
        String home = location(post("/eqa/" + issued.linkToken(), form("code", issued.accessCode().toLowerCase())));
        assertThat(home).matches("/s/[A-Za-z0-9_-]{64}/eqa");
        return home.substring(0, home.length() - "/eqa".length());
    }

    private void assertRefused(String eqa, UUID unit) throws Exception {
        String before = state();
        assertThat(get(eqa + "/portfolio/" + unit).statusCode()).isEqualTo(404);
        assertThat(get(eqa + "/portfolio/" + unit + "/matrix").statusCode()).isEqualTo(404);
        assertThat(get(eqa + "/eqa/units/" + unit).statusCode()).isIn(403, 404);
        assertThat(state()).isEqualTo(before);
    }

    private EqaGrants.Request request(String unitCodes, UUID planId) {
        return new EqaGrants.Request("Erin External", "erin@awarding.example.org", "City & Guilds",
                UUID.fromString(frameworkId()), unitCodes, planId, LocalDate.now(), LocalDate.now().plusDays(3));
    }

    private UUID platformId() {
        return registry.find(platform.issuer, platform.clientId).orElseThrow().id();
    }

    /** The portfolio, the grants and reports, and the audit chain's head. */
    private String state() {
        return portfolioState() + jdbc.sql("SELECT * FROM eqa_grant ORDER BY id").query().listOfRows()
                + jdbc.sql("SELECT * FROM eqa_report ORDER BY id").query().listOfRows()
                + jdbc.sql("SELECT * FROM learner_placement ORDER BY platform_id, learner_subject").query().listOfRows()
                + jdbc.sql("SELECT * FROM learner_uln ORDER BY platform_id, learner_subject").query().listOfRows()
                + jdbc.sql("SELECT last_seq, last_hash FROM audit_head").query().listOfRows();
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
