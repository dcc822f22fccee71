package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attest.standards.Criterion;
import org.attest.standards.RangeItem;
import org.attest.tool.quality.internal.IqaPeople;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The unit recording form over HTTP, as the people get it: the unit page links it; Sam, signed off by Alex, downloads
 * a PDF that names every criterion and range item, the evidence against them, both signatures and "not sampled";
 * once Ivy, an IQA, agrees with the unit, Alex's download says "Sampled by Internal verifier: YES" with Ivy's name and
 * the date. Anyone who may not read the portfolio gets "not found" (the whole matrix is in PortfolioAuthorizationTest).
 */
class RecordingFormDownloadTest extends PortfolioTestSupport {

    static final Person SAM = new Person("pdf-sam", "Sam Student", LEARNER);
    static final Person ALEX = new Person("pdf-alex", "Alex Assessor", INSTRUCTOR);
    static final Person IVY = new Person("pdf-ivy", "Ivy Verifier", INSTRUCTOR);
    static final Person LEE = new Person("pdf-lee", "Lee Learner", LEARNER);
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final DateTimeFormatter FORM_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    @Autowired
    IqaPeople iqas;

    @Test
    void theSignedOffUnitsFormNamesEveryStandardItsEvidenceAndSignaturesAndTheIqasAgreement() throws Exception {
        String course = "pdf-" + UUID.randomUUID();
        Launched sam = launch(platform, SAM, course, "activity-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        Launched alex = launch(platform, ALEX, course, "activity-" + course);
        everythingAssessed(sam, alex, unit);
        location(post(sam.base() + "/portfolio/" + unit + "/declaration", form("typedName", SAM.name())));
        location(post(alex.base() + "/portfolio/" + unit + "/sign-off", form("typedName", ALEX.name())));
        String today = FORM_DATE.format(LocalDate.now(ZoneId.of("Europe/London")));

        assertThat(get(sam.base() + "/portfolio/" + unit).body())
                .contains("/portfolio/" + unit + "/recording-form.pdf", "Recording form (PDF)");
        HttpResponse<byte[]> download = bytes(sam.base() + "/portfolio/" + unit + "/recording-form.pdf");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"Unit-224-Sam-Student.pdf\"");
        String text = text(download.body());
        List<String> inOrder = new ArrayList<>(List.of("Unit 224", "Sam Student"));
        unit224().criteria().map(Criterion::code).forEach(inOrder::add);
        unit224().rangeItems().map(RangeItem::code).forEach(inOrder::add);
        inOrder.addAll(List.of("E1", "Observation: online account reset", "E2", "Witness testimony: delivery problem",
                "Candidate signature", "Sam Student", today, "Assessor signature", "Alex Assessor", "Print name",
                "Alex Assessor", "Date completed", today, "Sampled by Internal verifier: NO"));
        assertThat(text).containsSubsequence(inOrder).doesNotContain("Ivy Verifier");

        String staffRoom = "staff-" + UUID.randomUUID();
        Launched ivy = launch(platform, IVY, staffRoom, "activity-" + staffRoom);
        iqas.appoint(registeredPlatformId(), IVY.subject(), IVY.name(), new IqaPeople.Appointment("TAQA Level 4", false, true,
                true), "test");
        UUID plan = idAfter(location(post(ivy.base() + "/iqa/plans", form("title", "Summative", "frameworkId", frameworkId(),
                "kind", "SUMMATIVE", "baseRate", "100", "raisedRate", "100"))), "plans");
        assertThat(location(post(ivy.base() + "/iqa/plans/" + plan + "/take", java.util.Map.of()))).contains("?taken=");
        assertThat(location(post(ivy.base() + "/iqa/units/" + unit, form("outcome", "AGREE",
                "feedback", "Sound observation and witness evidence")))).contains("?decided");

        String agreed = text(bytes(alex.base() + "/portfolio/" + unit + "/recording-form.pdf").body());
        assertThat(agreed).containsSubsequence("Assessor signature", "Alex Assessor", "Sampled by Internal verifier: YES",
                "Internal verifier signature", "Ivy Verifier", "Print name", "Ivy Verifier", "Date verified", today);
        assertThat(bytes(ivy.base() + "/portfolio/" + unit + "/recording-form.pdf").statusCode()).isEqualTo(200);

        Launched lee = launch(platform, LEE, course, "activity-" + course);
        HttpResponse<byte[]> refused = bytes(lee.base() + "/portfolio/" + unit + "/recording-form.pdf");
        assertThat(refused.statusCode()).as("another learner of the course").isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    private UUID registeredPlatformId() {
        return registry.find(platform.issuer, platform.clientId).orElseThrow().id();
    }

    private HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
