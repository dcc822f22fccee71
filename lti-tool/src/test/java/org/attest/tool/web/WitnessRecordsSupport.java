package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A learner unit with witness records, made over HTTP as the people make them: Sam's evidence names Pat Supervisor
 * (status 3, team leader), who confirms it through the one-time link, and Chris Colleague (status 5), who does not;
 * Alex, the assessor, signs the witness status list and writes a record of expert witness for Erin Expert, who signs
 * it through her link, and Sam signs it too.
 */
abstract class WitnessRecordsSupport extends PortfolioTestSupport {

    static final Person SAM = new Person("wpdf-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("wpdf-alex", "Alex Assessor", INSTRUCTOR);
    static final Person LEE = new Person("wpdf-lee", "Lee Learner", LEARNER);
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    /** {@code unconfirmed}: Chris's evidence, which no witness confirmed. */
    record Witnessed(String course, Launched sam, Launched alex, UUID unit, UUID expert, UUID unconfirmed) {
    }

    static String today() {
        return FORM_DATE.format(LocalDate.now(ZoneId.of("Europe/London")));
    }

    Witnessed witnessedUnit() throws Exception {
        String course = "wpdf-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "act-" + course);
        Launched alex = launch(platform, ALEX, course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        UUID delivery = witnessed(sam, unit, "Delivery problem", LocalDate.now().minusDays(3), "Pat Supervisor", "3",
                "Team leader");
        UUID complaint = witnessed(sam, unit, "Complaint", LocalDate.now().minusDays(2), "Chris Colleague", "5", "Colleague");
        HttpResponse<String> issued = post(alex.base() + "/witnesses/" + unit + "/links", form("evidenceId", delivery.toString()));
        assertThat(post(linkIn(issued), form("action", "confirm", "typedName", "Pat Supervisor")).statusCode()).isEqualTo(200);
        assertThat(location(post(alex.base() + "/witnesses/" + unit + "/sign", form("typedName", "Alex Assessor"))))
                .endsWith("?signed");

        UUID expert = idAfter(location(post(alex.base() + "/witnesses/" + unit + "/expert", form(
                "witnessName", "Erin Expert", "witnessPosition", "Operations manager", "witnessRelationship", "Line manager",
                "witnessContact", "erin@example.org", "site", "Leeds contact centre", "supervisoryYears", "true",
                "supervisoryEvidence", "Ten years managing the team", "knowsStandards", "true",
                "knowsStandardsEvidence", "Trains staff on Unit 224", "cpd", "true", "cpdEvidence", "CPD log 2025",
                "desirableQualification", "Holds the A1 award", "standardsReference", "224.1, 224.2",
                "skillsKnowledge", "Online account resets", "venue", "Floor 2", "activityAt", "2026-01-14T10:30",
                "candidateStatement", "I reset a locked account by chat.", "activityDescription", "A live chat escalation.",
                "witnessStatement", "Sam handled the escalation competently."))), "expert");
        HttpResponse<String> expertLink = post(alex.base() + "/witnesses/" + unit + "/expert/" + expert + "/link", Map.of());
        assertThat(post(linkIn(expertLink), form("action", "confirm", "typedName", "Erin Expert")).statusCode()).isEqualTo(200);
        assertThat(location(post(sam.base() + "/witnesses/" + unit + "/expert/" + expert + "/candidate-signature",
                form("typedName", "Sam Student")))).endsWith("?signed");
        return new Witnessed(course, sam, alex, unit, expert, complaint);
    }

    private UUID witnessed(Launched sam, UUID unit, String title, LocalDate date, String witness, String status,
            String relationship) throws Exception {
        List<Map.Entry<String, String>> fields = new ArrayList<>(evidenceFields(title, date.toString(), "Customer 9",
                "WITNESS_TESTIMONY"));
        fields.add(Map.entry("witnessName", witness));
        fields.add(Map.entry("witnessContact", witness.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.org"));
        fields.add(Map.entry("witnessStatus", status));
        fields.add(Map.entry("witnessRelationship", relationship));
        HttpResponse<String> added = multipart(sam.base() + "/portfolio/" + unit + "/evidence", fields,
                List.of(new FilePart("files", "notes.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8))));
        return idAfter(location(added), "evidence");
    }

    /** The witness link's path, as the page shows it once. */
    static String linkIn(HttpResponse<String> issued) {
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Matcher m = WitnessesTest.LINK.matcher(issued.body());
        assertThat(m.find()).as(issued.body()).isTrue();
        return m.group(2);
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
