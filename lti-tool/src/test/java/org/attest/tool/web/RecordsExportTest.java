package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attest.tool.quality.internal.EqaGrants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The assessor's records as PDF over HTTP (issue 14): each record's page links its PDF, which downloads as an attachment
 * with a safe name and is not cached, for exactly those who may open the page (the same refusals); an external
 * verifier's download is in the audit trail; and a unit's export holds every version of every record as a PDF, listed
 * in the index and hashed in SHA256SUMS and the manifest like the rest.
 */
class RecordsExportTest extends PortfolioTestSupport {

    static final Person SAM = new Person("recpdf-sam", "Sam Student", LEARNER);
    static final Person LEE = new Person("recpdf-lee", "Lee Learner", LEARNER);
    static final Person ALEX = new Person("recpdf-alex", "Alex Assessor", INSTRUCTOR);
    static final Person OLLY = new Person("recpdf-olly", "Olly Other", INSTRUCTOR);

    @Autowired
    EqaGrants grants;

    @Test
    void aRecordsPdfDownloadsForThoseWhoMayReadItsPageWithASafeNameAndNoCaching() throws Exception {
        String course = "recpdf-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "act-" + course);
        UUID plan = write(alex, unit, plan("Riverside branch"));

        String page = get(alex.base() + "/records/" + plan).body();
        assertThat(page).contains("id=\"record-pdf\"", "/records/" + plan + "/record.pdf", "Download PDF");
        HttpResponse<byte[]> draft = download(sam.base() + "/records/" + plan + "/record.pdf");
        assertThat(draft.statusCode()).isEqualTo(200);
        assertThat(draft.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(draft.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Assessment-action-plan-v1-Sam-Student.pdf\"");
        assertThat(draft.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(PortfolioExportTest.pdfText(draft.body())).contains("Assessment action plan", "Version 1 · Draft, not signed",
                "Riverside branch", "Sam Student", "Alex Assessor");

        post(alex.base() + "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Alex Assessor"));
        post(sam.base() + "/records/" + plan + "/sign", form("role", "CANDIDATE", "typedName", "sam student"));
        UUID second = idAfter(location(postFields(alex.base() + "/records/" + plan + "/versions",
                plan("Head office").subList(1, plan("Head office").size()))), "records");
        assertThat(PortfolioExportTest.pdfText(download(alex.base() + "/records/" + plan + "/record.pdf").body()))
                .contains("Version 1 · Superseded by version 2", "Alex Assessor Alex Assessor", "Sam Student sam student");
        HttpResponse<byte[]> current = download(alex.base() + "/records/" + second + "/record.pdf");
        assertThat(current.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Assessment-action-plan-v2-Sam-Student.pdf\"");
        assertThat(PortfolioExportTest.pdfText(current.body())).contains("Version 2 · Draft, not signed", "Head office");

        // refused exactly as the record's page is: another learner, another course's assessor, a record that is not there
        for (Launched other : List.of(launch(platform, LEE, course, "act-" + course),
                launch(platform, OLLY, course + "-b", "act-" + course + "-b"))) {
            for (UUID id : List.of(plan, UUID.randomUUID())) {
                HttpResponse<String> pageRefused = get(other.base() + "/records/" + id);
                HttpResponse<String> pdfRefused = get(other.base() + "/records/" + id + "/record.pdf");
                assertThat(pdfRefused.statusCode()).isEqualTo(404).isEqualTo(pageRefused.statusCode());
                assertThat(pdfRefused.body()).isEqualTo(pageRefused.body());
                assertThat(pdfRefused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            }
        }
    }

    @Test
    void anExternalVerifiersDownloadOfARecordIsInTheAuditTrail() throws Exception {
        String course = "recpdf-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID feedback = write(launch(platform, ALEX, course, "act-" + course), unit, feedback("Ask open questions first"));
        EqaGrants.Issued issued = grants.create(registry.find(platform.issuer, platform.clientId).orElseThrow().id(),
                new EqaGrants.Request("Erin External", "erin@awarding.example.org", "City & Guilds",
                        UUID.fromString(frameworkId()), null, null, LocalDate.now(), LocalDate.now().plusDays(3)), "test admin");
        String home = location(post("/eqa/" + issued.linkToken(), form("code", issued.accessCode())));
        String eqa = home.substring(0, home.length() - "/eqa".length());

        HttpResponse<byte[]> pdf = download(eqa + "/records/" + feedback + "/record.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(PortfolioExportTest.pdfText(pdf.body())).contains("Action plan and feedback to candidate",
                "Ask open questions first");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE action = 'EXTERNAL_VIEW' AND actor = ?")
                .param("eqa:" + issued.grant().id()).query(String.class).list())
                .anyMatch(d -> d.contains("\"path\":\"/records/" + feedback + "/record.pdf\""))
                .noneMatch(d -> d.contains(eqa.substring(3)));
    }

    @Test
    void theUnitsExportHoldsEveryVersionOfEveryRecordAsAPdfListedAndHashed() throws Exception {
        String course = "recpdf-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "act-" + course);
        UUID plan = write(alex, unit, plan("Riverside branch"));
        post(alex.base() + "/records/" + plan + "/sign", form("role", "ASSESSOR", "typedName", "Alex Assessor"));
        postFields(alex.base() + "/records/" + plan + "/versions", plan("Head office").subList(1, plan("Head office").size()));
        write(alex, unit, feedback("<img src=\"file:///etc/passwd\"> Ask open questions first"));
        write(alex, unit, plan("Second plan's venue"));

        HttpResponse<java.io.InputStream> response = PortfolioExportTest.CLIENT.send(HttpRequest.newBuilder(
                URI.create(baseUrl() + sam.base() + "/portfolio/" + unit + "/export.zip")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).as("still streamed").isEmpty();
        Map<String, byte[]> files = PortfolioExportTest.unzip(response.body());

        assertThat(files.keySet()).filteredOn(p -> p.startsWith("records/")).containsExactly(
                "records/assessment-action-plan-1-v1.pdf", "records/assessment-action-plan-1-v2.pdf",
                "records/assessment-action-plan-2-v1.pdf", "records/action-plan-and-feedback-to-candidate-1-v1.pdf");
        assertThat(PortfolioExportTest.pdfText(files.get("records/assessment-action-plan-1-v1.pdf")))
                .contains("Version 1 · Superseded by version 2", "Riverside branch", "Alex Assessor");
        assertThat(PortfolioExportTest.pdfText(files.get("records/assessment-action-plan-1-v2.pdf")))
                .contains("Version 2 · Draft, not signed", "Head office");
        assertThat(PortfolioExportTest.pdfText(files.get("records/action-plan-and-feedback-to-candidate-1-v1.pdf")))
                .contains("<img src=\"file:///etc/passwd\"> Ask open questions first");

        List<String> sums = List.of(new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n"));
        Map<String, Object> manifest = PortfolioExportTest.JSON.readValue(files.get("manifest.json"),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) manifest.get("files");
        for (String path : files.keySet().stream().filter(p -> p.startsWith("records/")).toList()) {
            String sha256 = PortfolioExportTest.sha256(files.get(path));
            assertThat(sums).contains(sha256 + "  " + path);
            assertThat(listed).as(path).anySatisfy(f -> assertThat(f).containsEntry("path", path)
                    .containsEntry("sha256", sha256));
        }
        String index = PortfolioExportTest.pdfText(files.get("index.pdf"));
        assertThat(index).contains("Assessment action plan 1, version 1 (Superseded by version 2)",
                "Action plan and feedback to candidate 1, version 1 (Draft, not signed)");
        assertThat(new ByteArrayInputStream(files.get("records/assessment-action-plan-2-v1.pdf")).readNBytes(5))
                .isEqualTo("%PDF-".getBytes(StandardCharsets.US_ASCII));
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return PortfolioExportTest.CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private UUID write(Launched who, UUID unit, List<Map.Entry<String, String>> fields) throws Exception {
        String written = location(postFields(who.base() + "/records/units/" + unit, fields));
        assertThat(written).contains("?written");
        return idAfter(written, "records");
    }

    private static List<Map.Entry<String, String>> plan(String venue) {
        LocalDate due = LocalDate.now().plusDays(14);
        return new ArrayList<>(List.of(Map.entry("kind", "ASSESSMENT_PLAN"), Map.entry("skills", "Skills"),
                Map.entry("venue", venue), Map.entry("when", due.minusDays(1) + "T10:30"), Map.entry("methods", "OBSERVATION"),
                Map.entry("requirements", "Observe two customer calls"),
                Map.entry("feedbackArrangements", "Verbal feedback after"), Map.entry("dueOn", due.toString())));
    }

    private static List<Map.Entry<String, String>> feedback(String text) {
        return List.of(Map.entry("kind", "FEEDBACK"), Map.entry("skills", "Skills"), Map.entry("feedback", text),
                Map.entry("outcome", "Not yet competent"));
    }
}
