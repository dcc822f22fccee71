package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Witnesses over real HTTP: the witness status list generated from the witnesses on a learner's evidence and signed
 * by the assessor; the one-time link through which a witness (no LMS account) reads one statement and confirms or
 * declines it: it works once, expires, dies when the statement changes, reveals nothing for a tampered or unknown
 * token, shows nothing but the statement, and is audited; the confirmation shows in the portfolio; and the record of
 * expert witness, signed by the expert through the link and by an IQA of the centre, refused for anyone else.
 */
class WitnessesTest extends PortfolioTestSupport {

    static final Person SAM = new Person("sam-w", "Sam Student", LEARNER);
    static final Person ALEX = new Person("alex-w", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("ivy-w", "Ivy Verifier", INSTRUCTOR);
    static final Pattern LINK = Pattern.compile("value=\"(http[^\"]*(/witness/[A-Za-z0-9_-]{43}))\"");
    static final String DEAD = "This link is not valid.";

    @Autowired
    IqaPeople iqas;

    record Course(Launched sam, Launched alex, UUID unit) {
    }

    Course course() throws Exception {
        String course = "witness-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        Launched alex = launch(platform, ALEX, course, "act-" + course);
        return new Course(sam, alex, idAfter(sam.landing(), "portfolio"));
    }

    /** Evidence with a witness, by the learner. */
    UUID witnessed(Course c, String title, String account, LocalDate date, String witness, String status, String relationship)
            throws Exception {
        List<Map.Entry<String, String>> fields = new ArrayList<>(evidenceFields(title, date.toString(), "Customer 9",
                "WITNESS_TESTIMONY"));
        fields.set(1, Map.entry("account", account));
        fields.add(Map.entry("witnessName", witness));
        fields.add(Map.entry("witnessContact", witness.toLowerCase().replace(' ', '.') + "@example.org"));
        fields.add(Map.entry("witnessStatus", status));
        fields.add(Map.entry("witnessRelationship", relationship));
        HttpResponse<String> added = multipart(c.sam().base() + "/portfolio/" + c.unit() + "/evidence", fields,
                List.of(new FilePart("files", "secret-notes.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8))));
        return idAfter(location(added), "evidence");
    }

    /** The assessor makes a link for the evidence's witness; the link's path, as the page shows it once. */
    String linkFor(Course c, UUID evidence) throws Exception {
        HttpResponse<String> issued = post(c.alex().base() + "/witnesses/" + c.unit() + "/links",
                form("evidenceId", evidence.toString()));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Matcher m = LINK.matcher(issued.body());
        assertThat(m.find()).as(issued.body()).isTrue();
        assertThat(m.group(1)).startsWith(baseUrl());
        return m.group(2);
    }

    String auditHead() {
        return String.valueOf(jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").query().listOfRows());
    }

    List<String> audited(String action) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE action = ? ORDER BY seq").param(action).query(String.class)
                .list();
    }

    String state() {
        return portfolioState() + jdbc.sql("SELECT * FROM witness_link ORDER BY id").query().listOfRows()
                + jdbc.sql("SELECT * FROM witness_list_signature ORDER BY id").query().listOfRows()
                + jdbc.sql("SELECT * FROM expert_witness ORDER BY id").query().listOfRows();
    }

    @Test
    void theListIsGeneratedFromTheWitnessesOnTheEvidenceAndTheAssessorSignsItWithTheirLaunchName() throws Exception {
        Course c = course();
        witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(5), "Pat Supervisor",
                "3", "Team leader");
        witnessed(c, "Refund", "I refunded a customer.", LocalDate.now().minusDays(2), "Pat Supervisor", "3", "Team leader");
        witnessed(c, "Complaint", "I handled a complaint.", LocalDate.now().minusDays(1), "Chris Colleague", "5",
                "Colleague");

        String list = get(c.alex().base() + "/witnesses/" + c.unit()).body();

        assertThat(list).contains("Pat Supervisor", "pat.supervisor@example.org", "Team leader",
                "3. Occupational expert familiar with standards", "Chris Colleague",
                "5. Non expert not familiar with the standards", "not confirmed yet");
        assertThat(list.split("<tr", -1)).as("one row per witness, and the header").hasSize(4);

        String before = state();
        HttpResponse<String> wrongName = post(c.alex().base() + "/witnesses/" + c.unit() + "/sign",
                form("typedName", "Someone Else"));
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(wrongName.body()).contains("is not your name as your LMS gives it");
        assertThat(state()).as("a refused signature changes nothing").isEqualTo(before);

        assertThat(location(post(c.alex().base() + "/witnesses/" + c.unit() + "/sign", form("typedName", " alex  assessor"))))
                .endsWith("?signed");
        assertThat(get(c.alex().base() + "/witnesses/" + c.unit()).body()).contains("id=\"signed-as-shown\"",
                "alex  assessor");
        assertThat(audited("WITNESS_LIST_SIGNED")).anySatisfy(d -> assertThat(d).contains(c.unit().toString()));
    }

    @Test
    void aWitnessConfirmsTheStatementOnceAndThePortfolioShowsTheConfirmation() throws Exception {
        Course c = course();
        UUID other = witnessed(c, "Other work", "Something else entirely.", LocalDate.now().minusDays(9), "Quinn Other",
                "4", "Supervisor");
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String link = linkFor(c, evidence);

        HttpResponse<String> opened = get(link);

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(opened.body()).contains("Sam Student", "I sorted out a late delivery.", "224", "Pat Supervisor")
                .doesNotContain(other.toString(), "Other work", "Something else entirely.", evidence.toString(),
                        c.unit().toString(), "secret-notes.txt", "/files/", "/s/", "Customer 9");

        HttpResponse<String> confirmed = post(link, form("action", "confirm", "typedName", "Pat Supervisor"));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("You confirmed the statement");

        HttpResponse<String> again = get(link);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains(DEAD).doesNotContain("Sam Student", "late delivery");
        String before = jdbc.sql("SELECT witness_confirmed_name FROM evidence WHERE id = ?").param(evidence)
                .query(String.class).single();
        assertThat(post(link, form("action", "confirm", "typedName", "Mallory")).statusCode()).isEqualTo(404);
        assertThat(before).isEqualTo("Pat Supervisor");
        assertThat(jdbc.sql("SELECT witness_confirmed_name FROM evidence WHERE id = ?").param(evidence).query(String.class)
                .single()).as("a used link changes nothing").isEqualTo("Pat Supervisor");

        assertThat(get(c.alex().base() + "/evidence/" + evidence).body()).contains("Confirmed by the witness on",
                "Pat Supervisor");
        assertThat(get(c.sam().base() + "/evidence/" + evidence).body()).contains("Confirmed by the witness on");
        assertThat(get(c.alex().base() + "/witnesses/" + c.unit()).body()).contains("confirmed “Pat Supervisor”");
        assertThat(audited("WITNESS_LINK_ISSUED")).anySatisfy(d -> assertThat(d).contains(evidence.toString()));
        assertThat(audited("WITNESS_LINK_OPENED")).isNotEmpty();
        assertThat(audited("WITNESS_CONFIRMED")).anySatisfy(d -> assertThat(d).contains(evidence.toString(), "Pat Supervisor"));
        assertThat(audited("WITNESS_LINK_REFUSED")).anySatisfy(d -> assertThat(d).contains("used (CONFIRMED)"));
        String token = link.substring("/witness/".length());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE detail LIKE ?").param("%" + token + "%")
                .query(Long.class).single()).as("the token is never stored").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM witness_link WHERE token_hash = ?").param(token).query(Long.class)
                .single()).isZero();
    }

    @Test
    void theWitnessReachesNothingElseWithTheLink() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String link = linkFor(c, evidence);
        String token = link.substring("/witness/".length());
        UUID file = jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(evidence).query(UUID.class).single();

        assertThat(get("/s/" + token + "/evidence/" + evidence).statusCode()).isEqualTo(401);
        assertThat(get("/s/" + token + "/portfolio/" + c.unit()).statusCode()).isEqualTo(401);
        assertThat(get("/s/" + token + "/files/" + file).statusCode()).isEqualTo(401);
        assertThat(get("/s/" + token + "/witnesses/" + c.unit()).statusCode()).isEqualTo(401);
        assertThat(get(link + "/files/" + file).statusCode()).isEqualTo(404);
        assertThat(get("/files/" + file).statusCode()).isIn(401, 403, 404);
        assertThat(get(link).statusCode()).as("the link itself still works").isEqualTo(200);
    }

    @Test
    void theEvidenceFilesReachTheWitnessOnlyWhenTheAssessorIncludedThem() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        UUID other = witnessed(c, "Other work", "Something else.", LocalDate.now().minusDays(4), "Quinn Other", "4", "Peer");
        UUID file = jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(evidence).query(UUID.class).single();
        UUID otherFile = jdbc.sql("SELECT id FROM evidence_file WHERE evidence_id = ?").param(other).query(UUID.class).single();
        String without = linkFor(c, evidence);
        assertThat(get(without).body()).doesNotContain("secret-notes.txt");
        assertThat(get(without + "/files/" + file).statusCode()).isEqualTo(404);

        HttpResponse<String> issued = post(c.alex().base() + "/witnesses/" + c.unit() + "/links",
                form("evidenceId", evidence.toString(), "includeFiles", "true"));
        Matcher m = LINK.matcher(issued.body());
        assertThat(m.find()).as(issued.body()).isTrue();
        String with = m.group(2);
        assertThat(get(with).body()).contains("secret-notes.txt", with + "/files/" + file).doesNotContain(otherFile.toString());

        HttpResponse<String> download = get(with + "/files/" + file);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("notes");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
        HttpResponse<String> another = get(with + "/files/" + otherFile);
        assertThat(another.statusCode()).as("another evidence's file").isEqualTo(404);
        assertThat(another.body()).contains(DEAD);
        assertThat(audited("WITNESS_LINK_REFUSED")).anySatisfy(d -> assertThat(d).contains("a file the link does not give"));
    }

    @Test
    void anExpiredLinkIsDeadAndItsUseIsAudited() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String link = linkFor(c, evidence);
        Instant expires = jdbc.sql("SELECT expires_at FROM witness_link WHERE evidence_id = ?").param(evidence)
                .query(Timestamp.class).single().toInstant();
        assertThat(expires).isBetween(Instant.now().plus(java.time.Duration.ofDays(14)).minusSeconds(600),
                Instant.now().plus(java.time.Duration.ofDays(14)).plusSeconds(600));
        jdbc.sql("UPDATE witness_link SET expires_at = ? WHERE evidence_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), evidence).update();

        HttpResponse<String> opened = get(link);
        HttpResponse<String> confirmed = post(link, form("action", "confirm", "typedName", "Pat Supervisor"));

        assertThat(opened.statusCode()).isEqualTo(404);
        assertThat(opened.body()).contains(DEAD).doesNotContain("late delivery");
        assertThat(confirmed.statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT witness_confirmed_at FROM evidence WHERE id = ?").param(evidence).query(Timestamp.class)
                .optional()).isEmpty();
        assertThat(audited("WITNESS_LINK_REFUSED")).anySatisfy(d -> assertThat(d).contains("expired"));
    }

    @Test
    void aTamperedOrUnknownTokenGetsTheSamePageAsAUsedLinkAndIsAudited() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String link = linkFor(c, evidence);
        char last = link.charAt(link.length() - 1);
        String tampered = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
        int unknownBefore = (int) audited("WITNESS_LINK_REFUSED").stream().filter(d -> d.contains("unknown token")).count();

        HttpResponse<String> tamperedPage = get(tampered);
        HttpResponse<String> unknownPage = get("/witness/" + "x".repeat(43));
        HttpResponse<String> malformedPage = get("/witness/not-a-token");
        HttpResponse<String> tamperedPost = post(tampered, form("action", "confirm", "typedName", "Mallory"));
        post(link, form("action", "decline", "reason", "I was not there that day."));
        HttpResponse<String> usedPage = get(link);

        for (HttpResponse<String> page : List.of(tamperedPage, unknownPage, malformedPage, tamperedPost, usedPage)) {
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.body()).isEqualTo(usedPage.body()).contains(DEAD).doesNotContain("Pat", "Sam", "224");
        }
        assertThat(audited("WITNESS_LINK_REFUSED").stream().filter(d -> d.contains("unknown token")).count())
                .isEqualTo(unknownBefore + 3);
        assertThat(audited("WITNESS_LINK_REFUSED")).anySatisfy(d -> assertThat(d).contains("malformed token"));
        assertThat(jdbc.sql("SELECT outcome FROM witness_link WHERE evidence_id = ?").param(evidence).query(String.class)
                .single()).isEqualTo("DECLINED");
    }

    @Test
    void aDeclineNeedsAReasonAndBadInputChangesNothing() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String link = linkFor(c, evidence);
        get(link);
        String before = state() + auditHead();

        HttpResponse<String> noReason = post(link, form("action", "decline", "reason", " "));
        HttpResponse<String> noName = post(link, form("action", "confirm", "typedName", ""));
        HttpResponse<String> noAction = post(link, form("typedName", "Pat Supervisor"));

        for (HttpResponse<String> page : List.of(noReason, noName, noAction)) {
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).contains("id=\"problem\"", "I sorted out a late delivery.");
        }
        assertThat(noReason.body()).contains("why you do not confirm the statement");
        assertThat(state() + auditHead()).as("bad input changes nothing, not even the audit trail").isEqualTo(before);

        HttpResponse<String> declined = post(link, form("action", "decline", "reason", "I was not there that day."));
        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(get(c.alex().base() + "/witnesses/" + c.unit()).body()).contains("declined: I was not there that day.",
                "not confirmed yet");
        assertThat(audited("WITNESS_DECLINED")).anySatisfy(d -> assertThat(d).contains("I was not there that day."));
    }

    @Test
    void aStatementChangedSinceTheLinkWasMadeKillsTheLinkAndANewLinkReplacesTheOld() throws Exception {
        Course c = course();
        UUID evidence = witnessed(c, "Delivery problem", "I sorted out a late delivery.", LocalDate.now().minusDays(3),
                "Pat Supervisor", "3", "Team leader");
        String first = linkFor(c, evidence);
        String second = linkFor(c, evidence);
        assertThat(get(first).statusCode()).as("replaced by the newer link").isEqualTo(404);
        assertThat(get(second).statusCode()).isEqualTo(200);

        List<Map.Entry<String, String>> fields = new ArrayList<>(evidenceFields("Delivery problem",
                LocalDate.now().minusDays(3).toString(), "Customer 9", "WITNESS_TESTIMONY"));
        fields.set(1, Map.entry("account", "I sorted out a late delivery, and a refund."));
        fields.add(Map.entry("witnessName", "Pat Supervisor"));
        fields.add(Map.entry("witnessStatus", "3"));
        location(multipart(c.sam().base() + "/evidence/" + evidence, fields, List.of()));

        assertThat(get(second).statusCode()).isEqualTo(404);
        assertThat(audited("WITNESS_LINK_REFUSED")).anySatisfy(d -> assertThat(d).contains("statement changed"));
    }

    @Test
    void anExpertWitnessRecordIsSignedByTheExpertThroughTheLinkAndByAnIqaButNotByAnAssessorWhoIsNoIqa()
            throws Exception {
        Course c = course();
        String staff = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staff, "act-" + staff);
        UUID centre = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        iqas.appoint(centre, IVY.subject(), IVY.name(), new IqaPeople.Appointment("TAQA Level 4", false, false, true), "test");
        String written = location(post(c.alex().base() + "/witnesses/" + c.unit() + "/expert", form(
                "witnessName", "Dr Erin Expert", "witnessPosition", "Operations manager", "site", "Leeds contact centre",
                "supervisoryYears", "true", "supervisoryEvidence", "Ten years managing the team", "knowsStandards", "true",
                "cpd", "true", "standardsReference", "224.1, 224.2", "activityAt", "2026-01-14T10:30",
                "witnessStatement", "Sam handled the escalation competently.")));
        UUID record = idAfter(written, "expert");
        String page = c.alex().base() + "/witnesses/" + c.unit() + "/expert/" + record;
        assertThat(get(page).body()).contains("Dr Erin Expert", "Leeds contact centre", "Ten years managing the team");

        HttpResponse<String> issued = post(page + "/link", Map.of());
        Matcher m = LINK.matcher(issued.body());
        assertThat(m.find()).as(issued.body()).isTrue();
        String link = m.group(2);
        assertThat(get(link).body()).contains("Sam handled the escalation competently.", "Sam Student");
        assertThat(post(link, form("action", "confirm", "typedName", "Erin Expert")).statusCode()).isEqualTo(200);

        String before = state() + auditHead();
        HttpResponse<String> byAssessor = post(page + "/iv-signature", form("typedName", "Alex Assessor"));
        assertThat(byAssessor.statusCode()).isEqualTo(403);
        assertThat(byAssessor.body()).contains("internal verifier (IQA) of the centre");
        assertThat(state() + auditHead()).as("a refused IV signature changes nothing").isEqualTo(before);

        String ivPage = ivy.base() + "/witnesses/" + c.unit() + "/expert/" + record;
        assertThat(get(ivPage).body()).contains("Sign as IV");
        assertThat(location(post(ivPage + "/iv-signature", form("typedName", "Ivy Verifier")))).endsWith("?signed");
        assertThat(get(c.sam().base() + "/portfolio/" + c.unit()).body()).contains("/witnesses/" + c.unit() + "/experts");
        assertThat(get(c.sam().base() + "/witnesses/" + c.unit() + "/experts").body()).contains(record.toString(),
                "not signed by the candidate yet");
        assertThat(location(post(c.sam().base() + "/witnesses/" + c.unit() + "/expert/" + record + "/candidate-signature",
                form("typedName", "Sam Student")))).endsWith("?signed");

        String shown = get(page).body();
        assertThat(shown).contains("id=\"witness-signed\"", "Erin Expert", "id=\"iv-signed\"", "Ivy Verifier",
                "id=\"candidate-signed\"");
        assertThat(audited("EXPERT_WITNESS_SIGNED")).anySatisfy(d -> assertThat(d).contains("\"IV\""));

        String changed = location(post(c.alex().base() + "/witnesses/" + c.unit() + "/expert", form("previousId",
                record.toString(), "witnessName", "Dr Erin Expert", "site", "Leeds contact centre", "supervisoryYears",
                "true", "knowsStandards", "true", "cpd", "true", "standardsReference", "224.1, 224.2, 224.3",
                "witnessStatement", "Sam handled the escalation competently.")));
        String next = get(c.alex().base() + "/witnesses/" + c.unit() + "/expert/" + idAfter(changed, "expert")).body();
        assertThat(next).contains("id=\"version\">2<").doesNotContain("id=\"iv-signed\"", "id=\"witness-signed\"");
        assertThat(get(page).statusCode()).as("the signed version is no longer the current one").isEqualTo(404);
    }
}
