package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.attest.tool.quality.internal.EqaGrants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The witness records as PDF over HTTP: the pages link their PDFs; the assessor downloads the witness status list, and
 * the assessor and the candidate the record of expert witness and the expert witness statement, each an attachment
 * with a safe name that is not cached, holding the confirmations and signatures made through the pages and links. The
 * witness's one-time link offers no PDF. Anyone else is refused as the page refuses them (the whole matrix is in
 * PortfolioAuthorizationTest).
 */
class WitnessPdfDownloadTest extends WitnessRecordsSupport {

    @Autowired
    EqaGrants grants;

    @Test
    void thePagesLinkTheirPdfsWhichHoldTheConfirmationsAndSignaturesAsAttachmentsNotCached() throws Exception {
        Witnessed w = witnessedUnit();
        String list = w.alex().base() + "/witnesses/" + w.unit();
        String expert = list + "/expert/" + w.expert();
        String today = today();

        assertThat(get(list).body()).contains("/witnesses/" + w.unit() + "/status-list.pdf", "Download PDF");
        assertThat(get(expert).body()).contains("/expert/" + w.expert() + "/record.pdf",
                "/expert/" + w.expert() + "/statement.pdf");

        HttpResponse<byte[]> statusList = bytes(list + "/status-list.pdf");
        assertThat(statusList.statusCode()).isEqualTo(200);
        assertThat(statusList.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(statusList.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Witness-status-list-Unit-224-Sam-Student.pdf\"");
        assertThat(statusList.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(text(statusList.body())).containsSubsequence("Witness status list", "Candidate name", "Sam Student",
                "Chris Colleague", "chris.colleague@example.org", "5. Non expert not familiar with the standards",
                "Colleague", "224", "not confirmed (Complaint",
                "Pat Supervisor", "pat.supervisor@example.org", "3. Occupational expert familiar with standards",
                "Team leader", "224", "Pat Supervisor (Delivery problem", today,
                "Assessor signature", "Alex Assessor", "Assessor name", "Alex Assessor", "Date", today,
                "Witness Status Categories");

        HttpResponse<byte[]> record = bytes(expert + "/record.pdf");
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Record-of-expert-witness-Unit-224-Sam-Student-Erin-Expert-v1.pdf\"");
        assertThat(record.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(text(record.body())).containsSubsequence("Record of expert witness", "Erin Expert",
                "Leeds contact centre", "Yes: Ten years managing the team", "Yes: Trains staff on Unit 224",
                "Yes: CPD log 2025", "224.1, 224.2", "Holds the A1 award", "Witness signature", "Erin Expert", "Date", today,
                "IV signature", "IV name", "Date");

        HttpResponse<byte[]> statement = bytes(w.sam().base() + "/witnesses/" + w.unit() + "/expert/" + w.expert()
                + "/statement.pdf");
        assertThat(statement.statusCode()).as("the candidate reads the statement they signed").isEqualTo(200);
        assertThat(statement.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Expert-witness-statement-Unit-224-Sam-Student-Erin-Expert-v1.pdf\"");
        assertThat(text(statement.body())).containsSubsequence("Expert witness statement", "Sam Student", "Alex Assessor",
                "224", "Online account resets", "Floor 2", "14 Jan 2026, 10:30", "I reset a locked account by chat.",
                "A live chat escalation.", "Sam handled the escalation competently.", "Erin Expert", "Operations manager",
                "Line manager", "erin@example.org", "Witness signature", "Erin Expert", today, "Candidate signature",
                "Sam Student", today);
    }

    @Test
    void othersAreRefusedAsThePageRefusesThemAndTheWitnessLinkOffersNoPdf() throws Exception {
        Witnessed w = witnessedUnit();
        Launched lee = launch(platform, LEE, w.course(), "act-" + w.course());

        for (String path : new String[] {"/status-list.pdf", "/expert/" + w.expert() + "/record.pdf",
                "/expert/" + w.expert() + "/statement.pdf"}) {
            HttpResponse<byte[]> refused = bytes(lee.base() + "/witnesses/" + w.unit() + path);
            assertThat(refused.statusCode()).as("another learner of the course: " + path)
                    .isEqualTo(get(lee.base() + "/witnesses/" + w.unit()).statusCode()).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }
        HttpResponse<byte[]> samsList = bytes(w.sam().base() + "/witnesses/" + w.unit() + "/status-list.pdf");
        assertThat(samsList.statusCode()).as("the list is the assessor's, as its page is")
                .isEqualTo(get(w.sam().base() + "/witnesses/" + w.unit()).statusCode()).isIn(403, 404);
        assertThat(bytes(w.alex().base() + "/witnesses/" + w.unit() + "/expert/" + UUID.randomUUID() + "/record.pdf")
                .statusCode()).isEqualTo(404);

        String another = linkIn(post(w.alex().base() + "/witnesses/" + w.unit() + "/links",
                form("evidenceId", w.unconfirmed().toString())));
        assertThat(get(another).body()).as("the one-time link page").doesNotContain(".pdf", "Download");
    }

    /**
     * An external verifier within their grant reads the witness status list and the expert witness forms (the pages and
     * their PDFs), as they check witness testimony when they sample; they change nothing (no link, no signature), and
     * every read is in the audit trail by path, as every page they open.
     */
    @Test
    void anExternalVerifierReadsTheWitnessRecordsAndTheirPdfsChangesNothingAndEveryReadIsAudited() throws Exception {
        Witnessed w = witnessedUnit();
        UUID centre = registry.find(platform.issuer, platform.clientId).orElseThrow().id();
        EqaGrants.Issued issued = grants.create(centre, new EqaGrants.Request("Erin External", "erin@awarding.example.org",
                "City & Guilds", UUID.fromString(frameworkId()), null, null, LocalDate.now(), LocalDate.now().plusDays(3)),
                "test admin");
        String home = location(post("/eqa/" + issued.linkToken(), form("code", issued.accessCode())));
        String eqa = home.substring(0, home.length() - "/eqa".length());
        assertThat(get(eqa + "/portfolio/" + w.unit()).body()).as("the unit page links the witnesses")
                .contains("/witnesses/" + w.unit() + "\"");

        String witnesses = eqa + "/witnesses/" + w.unit();
        String list = get(witnesses).body();
        assertThat(list).contains("id=\"witness-list\"", "status-list.pdf")
                .doesNotContain("id=\"sign-list\"", "/links\"", "Make a link for the witness", "id=\"new-expert\"");
        for (String pdf : List.of(witnesses + "/status-list.pdf", witnesses + "/expert/" + w.expert() + "/record.pdf",
                witnesses + "/expert/" + w.expert() + "/statement.pdf")) {
            HttpResponse<byte[]> answer = bytes(pdf);
            assertThat(answer.statusCode()).as(pdf).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/pdf");
        }
        assertThat(get(witnesses + "/expert/" + w.expert()).statusCode()).isEqualTo(200);
        String links = "SELECT COUNT(*) FROM witness_link";
        long before = jdbc.sql(links).query(Long.class).single();
        assertThat(post(witnesses + "/links", form("evidenceId", w.unconfirmed().toString())).statusCode()).isEqualTo(404);
        assertThat(post(witnesses + "/sign", form("typedName", "Erin External")).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql(links).query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'EXTERNAL_VIEW' AND actor = ?")
                .param("eqa:" + issued.grant().id()).query(String.class).list())
                .anyMatch(d -> d.contains("\"path\":\"/witnesses/" + w.unit() + "\""))
                .anyMatch(d -> d.contains("\"path\":\"/witnesses/" + w.unit() + "/status-list.pdf\""))
                .anyMatch(d -> d.contains("/expert/" + w.expert() + "/statement.pdf"));
    }
}
