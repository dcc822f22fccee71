package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The recording documents of issue 14 in a real browser, from the sandbox course, as an assessor keeps them: Sam adds
 * witnessed evidence; Alex writes an assessment action plan (due in a week, on the Plans page), signs it and Sam signs
 * it; Alex links the evidence to the plan, writes an observation record with a photograph, which both sign and which
 * becomes evidence (method O); Alex writes an assessment report with questions and answers (method Q); Alex sends the
 * witness a one-time link, the witness confirms the statement by typing their name, and Alex signs the witness status
 * list. The observation record's and the witness status list's PDFs, the unit's recording form PDF and the unit's
 * export are downloaded as their buttons give them: each PDF's text holds what the form shows, and the ZIP holds the
 * records' and the witnesses' PDFs beside the evidence, every file matching its SHA-256. Each page is photographed
 * (target/screenshots/records) and checked with axe; the PDFs' pages are drawn as PNG beside them.
 */
@Tag("browser")
@org.springframework.test.context.TestPropertySource(properties = "attest.test.sandbox=records-browser")
class RecordingDocumentsBrowserTest extends UnitFlowBrowserSupport {

    static final String WITNESSED = "Witness testimony: delivery problem";
    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.UK);

    @TempDir
    Path files;

    @Override
    Path screenshots() {
        return SCREENSHOTS.resolve("records");
    }

    @Test
    void anAssessorPlansObservesReportsHasAWitnessConfirmAndDownloadsTheFormsAndTheExport() throws Exception {
        Path photo = png(files.resolve("till-screen.png"));
        openCourse();
        launch("Sam Student", UNIT_224);
        open(awaitLanding("Sam's unit overview in the tool frame", "/portfolio/"));
        addEvidence(WITNESSED, LocalDate.now().minusDays(3), "Customer 22", photo, false);
        mapEverything(false);

        // The assessment action plan: written, signed by both, due in a week.
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        clickThrough(driver.findElement(By.id("caseload")).findElement(By.linkText("Sam Student")), "Sam's unit overview");
        String unitPage = driver.getCurrentUrl();
        newRecord("ASSESSMENT_PLAN");
        driver.findElement(By.id("f-skills")).sendKeys("224.1 and 224.2: helping customers online");
        driver.findElement(By.id("f-venue")).sendKeys("Contact centre, Leeds");
        LocalDate visit = LocalDate.now().plusDays(2);
        WebElement when = driver.findElement(By.id("f-when"));
        when.sendKeys(asTyped(visit), Keys.TAB, "1030AM");
        assertThat(when.getDomProperty("value")).isEqualTo(visit + "T10:30");
        for (String method : new String[] {"OBSERVATION", "QUESTIONING", "WITNESS_TESTIMONY"}) {
            driver.findElement(By.cssSelector("input[name=methods][value=" + method + "]")).click();
        }
        driver.findElement(By.id("f-requirements")).sendKeys("Observe Sam resetting an online account; ask about data protection.");
        driver.findElement(By.id("f-feedback-arr")).sendKeys("Verbal feedback straight after, written within two days.");
        driver.findElement(By.id("f-due")).sendKeys(asTyped(LocalDate.now().plusDays(7)));
        page("plan-form");
        String plan = save();
        sign("sign-assessor", "Alex Assessor");
        assertThat(text("signatures")).contains("Alex Assessor (Alex Assessor)");
        assertThat(text("link-later")).contains("once the assessor and the candidate have both signed");
        page("plan-signed-by-assessor");
        open(toolBase() + "/records/plans");
        assertThat(text("due")).contains("Sam Student");
        page("plans-due");
        open(toolBase() + "/caseload");
        assertThat(samsRow().getText()).contains("Plan due " + DAY.format(LocalDate.now().plusDays(7)));
        page("caseload-plan-due");
        launchAndOpen("Sam Student", "/portfolio/");
        open(toolBase() + plan.replaceAll(".*/s/[^/]+", ""));
        sign("sign-candidate", "Sam Student");
        assertThat(text("record-state")).contains("Signed");
        new Select(driver.findElement(By.id("link-evidence-id"))).selectByVisibleText(optionStartingWith(WITNESSED));
        submit("link-evidence");
        assertThat(text("linked")).contains(WITNESSED);
        page("plan-signed-by-both-evidence-linked");
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        open(toolBase() + "/records/plans");
        assertThat(text("fulfilled")).contains("Sam Student");
        assertThat(text("none-due")).isEqualTo("No plan is waiting for evidence.");
        page("plans-fulfilled");
        open(toolBase() + "/caseload");
        assertThat(samsRow().getText()).doesNotContain("Plan due");

        // The observation record with a photograph: both sign; it becomes evidence with method O.
        open(toolBase() + unitPage.replaceAll(".*/s/[^/]+", ""));
        newRecord("OBSERVATION");
        driver.findElement(By.id("f-observed")).sendKeys("Sam asked what the customer was trying to do, stepped them"
                + " through the password reset and checked they could pay.");
        List<WebElement> items = driver.findElements(By.cssSelector("#f-items input[name=item]"));
        for (WebElement item : items.subList(0, 4)) {
            item.click();
        }
        driver.findElement(By.id("f-file-PHOTOGRAPHS")).sendKeys(photo.toAbsolutePath().toString());
        driver.findElement(By.id("f-where-WORK_PRODUCTS")).sendKeys("Call log 2026-12, contact centre drive");
        page("observation-form");
        String observation = save();
        sign("sign-assessor", "Alex Assessor");

        // The assessment report: the seven questions, questions and answers (method Q).
        open(toolBase() + unitPage.replaceAll(".*/s/[^/]+", ""));
        newRecord("ASSESSMENT_REPORT");
        for (WebElement question : driver.findElements(By.cssSelector("fieldset[id^=f-q-]"))) {
            boolean more = question.getDomAttribute("id").startsWith("f-q-MORE_");
            question.findElement(By.cssSelector("input[value=" + (more ? "no" : "yes") + "]")).click();
        }
        driver.findElement(By.id("f-comments")).sendKeys("Valid, current and Sam's own work.");
        driver.findElement(By.id("f-question-0")).sendKeys("What would you do if the customer would not give their postcode?");
        driver.findElement(By.id("f-answer-0")).sendKeys("Explain why we need it, and offer the security questions instead.");
        driver.findElements(By.cssSelector("#f-items input[name=item]")).get(0).click();
        driver.findElement(By.id("f-outcome")).sendKeys("Competent in 224.1.1 to 224.1.4.");
        page("assessment-report-form");
        save();
        sign("sign-assessor", "Alex Assessor");
        assertThat(text("questioning")).contains("postcode");

        // Sam signs the observation record as candidate.
        launchAndOpen("Sam Student", "/portfolio/");
        open(toolBase() + observation.replaceAll(".*/s/[^/]+", ""));
        sign("sign-candidate", "Sam Student");
        assertThat(text("record-state")).contains("Signed");
        page("observation-signed-by-both");
        assertThat(text("record-evidence")).isNotEmpty();
        assertThat(pdfText(download(driver.findElement(By.id("record-pdf")).getDomAttribute("href"), "application/pdf"),
                "observation-record")).contains("Observation record", "224.1.1", "224.1.4", "till-screen.png",
                "Sam Student", "Alex Assessor", "Call log 2026-12, contact centre drive");

        // The witness confirms through a one-time link; Alex signs the witness status list.
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        open(toolBase() + unitPage.replaceAll(".*/s/[^/]+", ""));
        clickThrough(driver.findElement(By.id("witnesses-link")), "the witness status list");
        String witnessList = driver.getCurrentUrl();
        page("witness-list");
        clickThrough(driver.findElement(By.cssSelector("#witness-list form button")), "the link issued");
        String link = driver.findElement(By.id("issued-link")).getDomProperty("value");
        page("witness-link-issued");
        open(link);
        page("witness-page");
        driver.findElement(By.id("typed-name")).sendKeys("Pat Leader");
        clickThrough(driver.findElement(By.cssSelector("#confirm button")), "the witness's thanks");
        assertThat(text("answered")).contains("You confirmed the statement");
        open(witnessList);
        assertThat(text("witness-list")).contains("confirmed “Pat Leader”");
        driver.findElement(By.id("list-name")).sendKeys("Alex Assessor");
        submit("sign-list");
        assertThat(text("signed-as-shown")).contains("Alex Assessor");
        page("witness-list-signed");
        assertThat(pdfText(download(driver.findElement(By.id("status-list-pdf")).getDomAttribute("href"), "application/pdf"),
                "witness-status-list")).contains("Witness status list", "Pat Leader", "Alex Assessor", "224");

        // The recording form and the export, as their buttons on the unit page give them.
        open(toolBase() + unitPage.replaceAll(".*/s/[^/]+", ""));
        String formText = pdfText(download(driver.findElement(By.id("recording-form")).getDomAttribute("href"), "application/pdf"),
                "recording-form");
        // only evidence the assessor confirmed is on the form: the observation (O) and the report's questioning (Q)
        assertThat(formText).contains("224.1.1", "224.1.4", "Observation record, version 1", "Sam Student", "E3 · ")
                .doesNotContain(WITNESSED);
        Map<String, byte[]> zip = unzip(download(driver.findElement(By.id("export")).getDomAttribute("href"), "application/zip"));
        assertThat(zip).containsKeys("index.pdf", "recording-form.pdf", "manifest.json", "SHA256SUMS", "audit.jsonl");
        assertThat(zip.keySet()).anyMatch(name -> name.startsWith("evidence/") && name.endsWith("till-screen.png"))
                .contains("witnesses/witness-status-list.pdf")
                .anyMatch(name -> name.startsWith("records/assessment-action-plan-1-v1") && name.endsWith(".pdf"))
                .anyMatch(name -> name.startsWith("records/observation-record-1-v1") && name.endsWith(".pdf"))
                .anyMatch(name -> name.startsWith("records/assessment-report-1-v1") && name.endsWith(".pdf"));
        String sums = new String(zip.get("SHA256SUMS"), StandardCharsets.UTF_8);
        for (String line : sums.strip().split("\n")) {
            String[] sumAndName = line.split(" {2}\\*?", 2);
            assertThat(zip).as("SHA256SUMS names " + sumAndName[1]).containsKey(sumAndName[1]);
            assertThat(sha256(zip.get(sumAndName[1]))).as(sumAndName[1]).isEqualTo(sumAndName[0]);
        }
        assertThat(sums.lines().count()).isEqualTo(zip.size() - 2); // every file but the two lists themselves
        pdfText(zip.get("index.pdf"), "export-index");
        assertThat(accessibilityProblems).isEmpty();
    }

    private WebElement samsRow() {
        return driver.findElement(By.cssSelector("#caseload tr[data-learner='Sam Student']"));
    }

    /** Opens the unit's records, chooses a kind and starts writing one. */
    private void newRecord(String kind) {
        clickThrough(driver.findElement(By.id("assessment-records")), "the unit's assessment records");
        new Select(driver.findElement(By.id("record-kind"))).selectByValue(kind);
        submit("new-record");
    }

    /** Saves the record's draft; its address. */
    private String save() {
        submit("record-form");
        return driver.getCurrentUrl().replaceAll("\\?.*", "");
    }

    private void sign(String form, String name) throws IOException {
        driver.findElement(By.id(form + "-name")).sendKeys(name);
        submit(form);
        assertThat(notice()).isEqualTo("Signed.");
    }

    private String optionStartingWith(String text) {
        return driver.findElements(By.cssSelector("#link-evidence-id option")).stream().map(WebElement::getText)
                .filter(option -> option.startsWith(text)).findFirst().orElseThrow();
    }

    private String toolBase() {
        return driver.getCurrentUrl().replaceAll("(.*/s/[^/]+).*", "$1");
    }

    /** What the browser would download from a link of the page: the session is in the address, as the page's is. */
    private byte[] download(String href, String type) throws IOException, InterruptedException {
        URI uri = URI.create(driver.getCurrentUrl()).resolve(href);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        return response.body();
    }

    /** The PDF's text; its pages drawn as PNG beside the screenshots, for a person to look at. */
    private String pdfText(byte[] pdf, String name) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageIO.write(renderer.renderImageWithDPI(page, 60), "png",
                        screenshots().resolve(next(name + "-page-" + (page + 1))).toFile());
            }
            return new PDFTextStripper().getText(document);
        }
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
