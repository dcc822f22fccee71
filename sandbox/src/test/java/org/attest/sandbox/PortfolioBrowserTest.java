package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A whole unit in a real browser, from the sandbox course page as its people would click through
 * it: Sam adds two pieces of evidence with files and maps them, Tom (a trainee assessor) reviews
 * them, Alex countersigns, Sam declares, Tom signs off, Alex countersigns the sign-off. Each page is
 * photographed (target/screenshots/portfolio) and checked with axe for serious or critical problems.
 * A launch runs in the course's iframe; the tool's page is then opened on its own, as its session
 * is in the address, so that screenshots and axe see the tool rather than the LMS around it.
 */
@Tag("browser")
// A sandbox of its own: other sandbox tests leave evidence in Sam's Unit 224 (assessment tasks graded in the gradebook).
@org.springframework.test.context.TestPropertySource(properties = "attest.test.sandbox=portfolio-browser")
class PortfolioBrowserTest extends BrowserTestSupport {

    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    private static final int CRITERIA = 18;
    private static final int RANGE_ITEMS = 4;
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(320, 800);

    @TempDir
    Path files;

    private final List<String> accessibilityProblems = new ArrayList<>();
    private int shots;


    @Override
    Path screenshots() {
        return SCREENSHOTS.resolve("portfolio");
    }

    @Test
    void learnerTraineeAndQualifiedAssessorCompleteUnit224OnPagesWithoutSeriousAccessibilityProblems() throws Exception {
        Path notes = pdf(files.resolve("account-reset-notes.pdf"));
        Path chat = png(files.resolve("delivery-chat.png"));

        openCourse();
        launch("Sam Student", UNIT_224);
        String samHome = awaitLanding("Sam's unit overview in the tool frame", "/portfolio/");
        screenshot(next("course-with-the-tool-in-its-frame"));
        open(samHome);
        assertThat(text("unit-title")).isEqualTo(UNIT_224);
        page("learner-overview");
        narrow("learner-overview");

        addEvidence("Observation: online account reset", LocalDate.now().minusDays(10), "Customer 14", notes, true);
        mapEverything(true);
        addEvidence("Witness testimony: delivery problem", LocalDate.now().minusDays(3), "Customer 22", chat, false);
        mapEverything(false);
        assertThat(driver.findElements(By.cssSelector("#evidence tbody tr"))).hasSize(2);
        clickThrough(driver.findElement(By.linkText("Observation: online account reset")), "the evidence page");
        assertThat(text("files")).contains("account-reset-notes.pdf", "application/pdf");
        assertThat(driver.findElements(By.cssSelector("#mappings li"))).hasSize(CRITERIA + RANGE_ITEMS);
        page("evidence-view");

        launchAndOpen("Tom Trainee", "/caseload?unit=224");
        assertThat(text("caseload")).contains("Sam Student");
        assertThat(text("queued")).isEqualTo("2");
        submit("refresh-roster");
        assertThat(text("roster-refreshed-now")).isEqualTo("Roster refreshed from the LMS.");
        assertThat(text("caseload")).contains("Priya Patel", "Jordan Lee", "Not started \u2014 has not opened this unit yet");
        page("caseload");
        narrow("caseload");
        for (String evidence : List.of("Observation: online account reset", "Witness testimony: delivery problem")) {
            navigate("Marking queue", "queue");
            assertThat(text("queue")).contains(evidence);
            page("marking-queue");
            clickThrough(driver.findElement(By.linkText(evidence)), "the review form");
            reviewEveryClaimAsMet();
        }
        assertThat(text("progress-label")).startsWith("0 of 18 criteria met");
        assertThat(missing()).contains("224.3.7 is met by an unqualified assessor and awaits countersignature");
        page("overview-awaiting-countersignature");

        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        navigate("Countersign", "countersign");
        List<WebElement> countersign = driver.findElements(By.cssSelector("#countersign button"));
        assertThat(countersign).as("one decision for each criterion").hasSize(CRITERIA);
        page("countersign-decisions");
        for (int signed = 0; signed < CRITERIA; signed++) {
            clickThrough(driver.findElement(By.cssSelector("#countersign button")), "the countersign page after countersigning");
            assertThat(notice()).isEqualTo("Countersigned.");
        }
        assertThat(text("countersign-empty")).isEqualTo("Nothing awaits countersignature.");
        page("countersign-done");

        launchAndOpen("Sam Student", "/portfolio/");
        assertThat(text("progress-label")).startsWith("18 of 18 criteria met");
        page("learner-ready-to-declare");
        driver.findElement(By.id("declaration-name")).sendKeys("Sam Student");
        submit("declaration");
        assertThat(notice()).isEqualTo("Declaration signed.");
        assertThat(text("signature-list")).contains("Learner declaration", "Sam Student");
        page("learner-declared");

        launchAndOpen("Tom Trainee", "/caseload?unit=224");
        clickThrough(driver.findElement(By.id("caseload")).findElement(By.linkText("Sam Student")), "Sam's unit overview");
        page("trainee-sign-off-form");
        driver.findElement(By.id("sign-off-name")).sendKeys("Tom Trainee");
        submit("sign-off");
        assertThat(notice()).isEqualTo("Unit signed off.");
        assertThat(missing()).isEqualTo("the sign-off awaits a qualified assessor's countersignature");
        assertThat(text("status")).isEqualTo("Signed off, awaiting countersignature");
        page("signed-off-awaiting-countersignature");

        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        navigate("Countersign", "countersign");
        assertThat(text("countersign")).contains("Unit sign-off", "Tom Trainee");
        page("countersign-sign-off-listed");
        clickThrough(driver.findElement(By.linkText("Open to countersign")), "the overview to countersign the sign-off");
        page("countersign-sign-off-form");
        driver.findElement(By.id("countersign-name")).sendKeys("Alex Assessor");
        submit("countersign-sign-off");
        assertThat(notice()).isEqualTo("Sign-off countersigned.");
        page("assessor-overview-complete");

        launchAndOpen("Sam Student", "/portfolio/");
        assertThat(text("status")).isEqualTo("Complete");
        assertThat(text("progress-label")).startsWith("18 of 18 criteria met");
        assertThat(driver.findElements(By.id("missing"))).isEmpty();
        assertThat(driver.findElements(By.id("add-evidence"))).as("signed-off evidence can no longer change").isEmpty();
        page("learner-complete");
        clickThrough(driver.findElement(By.linkText("Coverage matrix")), "the coverage matrix");
        assertThat(text("matrix")).contains("224.3.7", "Range 2b", "✓", "Met");
        assertThat(driver.findElements(By.xpath("//table[@id='matrix']//td[normalize-space()='C']")))
                .as("no claim is left unconfirmed").isEmpty();
        page("coverage-matrix");

        // The sandbox's gradebook shows what Attest sent through AGS: full marks, Completed and FullyGraded.
        String completion = waitFor("Sam's completion in the sandbox gradebook", d -> {
            String cell = gradebookCell("Sam Student", "Unit 224");
            return cell.contains("Completed") ? cell : null;
        });
        assertThat(completion).contains("100 / 100", "Completed", "FullyGraded", "Unit 224 complete");
        page("sandbox-gradebook-completed");

        assertThat(accessibilityProblems).as("axe found serious or critical problems:\n" + String.join("\n", accessibilityProblems))
                .isEmpty();
        // Every request of the flow gave its database connection back (a leaked one once starved later launches).
        com.zaxxer.hikari.HikariPoolMXBean pool = ((com.zaxxer.hikari.HikariDataSource) dataSource).getHikariPoolMXBean();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(pool.getActiveConnections()).as("connections still in use").isZero());
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    private void addEvidence(String title, LocalDate occasion, String customer, Path file, boolean alsoNarrow) throws IOException {
        clickThrough(driver.findElement(By.id("add-evidence")), "the evidence form");
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("account")).sendKeys("The customer could not finish online, so I stepped them through each screen.");
        WebElement date = driver.findElement(By.id("occasionDate"));
        date.sendKeys(asTyped(occasion));
        assertThat(date.getDomProperty("value")).as("the date typed into the date picker").isEqualTo(occasion.toString());
        driver.findElement(By.cssSelector("input[name=methods][value=OBSERVATION]")).click();
        driver.findElement(By.cssSelector("input[name=methods][value=WITNESS_TESTIMONY]")).click();
        driver.findElement(By.id("customerReference")).sendKeys(customer);
        driver.findElement(By.id("customerDescriptor")).sendKeys("new to the online service");
        driver.findElement(By.id("location")).sendKeys("Contact centre, Leeds");
        driver.findElement(By.id("witnessName")).sendKeys("Pat Leader");
        driver.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        page("evidence-form");
        if (alsoNarrow) {
            narrow("evidence-form");
        }
        clickThrough(driver.findElement(By.id("save-evidence")), "the mapping picker after the upload");
        assertThat(notice()).isEqualTo("Evidence saved. Now choose what it proves.");
    }

    /**
     * A date as a person types it into the browser's date picker, whose fields follow the browser's
     * locale (Debian's Chromium ships only en-US: month, day, year).
     */
    private String asTyped(LocalDate date) {
        Object order = script("return new Intl.DateTimeFormat(undefined, {day: '2-digit', month: '2-digit', year: 'numeric'})"
                + ".formatToParts(new Date()).filter(p => p.type !== 'literal').map(p => p.type).join(' ')");
        StringBuilder keys = new StringBuilder();
        for (String field : String.valueOf(order).split(" ")) {
            keys.append(switch (field) {
                case "day" -> String.format("%02d", date.getDayOfMonth());
                case "month" -> String.format("%02d", date.getMonthValue());
                default -> String.valueOf(date.getYear());
            });
        }
        return keys.toString();
    }

    private void mapEverything(boolean tryTheSearch) throws IOException {
        page("mapping-picker");
        if (tryTheSearch) {
            WebElement search = driver.findElement(By.id("filter"));
            search.sendKeys("224.2");
            assertThat(driver.findElements(By.cssSelector("#map-items .item")).stream().filter(WebElement::isDisplayed).count())
                    .as("the six criteria of element 224.2").isEqualTo(6);
            screenshot(next("mapping-picker-searched"));
            search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        }
        List<WebElement> boxes = driver.findElements(By.cssSelector("#map-items input[type=checkbox][name=item]"));
        assertThat(boxes).hasSize(CRITERIA + RANGE_ITEMS);
        for (WebElement box : boxes) {
            box.click();
        }
        assertThat(boxes).allMatch(WebElement::isSelected);
        submit("map-form");
        assertThat(notice()).isEqualTo("Evidence mapped. Your assessor will review it.");
        page("overview-mapped");
    }

    private void reviewEveryClaimAsMet() throws IOException {
        List<WebElement> claims = driver.findElements(By.cssSelector("#review-form fieldset.review-item"));
        assertThat(claims).hasSize(CRITERIA + RANGE_ITEMS);
        for (WebElement claim : claims) {
            claim.findElement(By.cssSelector("input[type=radio][value=CONFIRMED]")).click();
            List<WebElement> outcome = claim.findElements(By.tagName("select"));
            if (!outcome.isEmpty()) {
                new Select(outcome.get(0)).selectByValue("MET");
                WebElement feedback = claim.findElement(By.tagName("textarea"));
                feedback.clear(); // the second review shows the first one's feedback
                feedback.sendKeys("Seen in real work: " + claim.getDomAttribute("data-code"));
            }
        }
        page("review");
        submit("review-form");
        assertThat(notice()).isEqualTo("Review saved.");
    }

    /** The text of one member's cell in the sandbox gradebook's column whose label starts with {@code column}. */
    private String gradebookCell(String member, String column) {
        driver.switchTo().defaultContent();
        driver.get(sandbox() + "/gradebook");
        String columnId = driver.findElement(By.xpath("//th[starts-with(@id, 'column-')][span[starts-with(normalize-space(), '"
                + column + "')]]")).getAttribute("id").substring("column-".length());
        String rowId = driver.findElement(By.xpath("//tr[th/span[normalize-space()='" + member + "']]")).getAttribute("id")
                .substring("row-".length());
        return driver.findElement(By.id("cell-" + rowId + "-" + columnId)).getText();
    }

    /** Launches from the course page and, once the tool has landed in its frame, opens that page on its own. */
    private void launchAndOpen(String userName, String landing) {
        openCourse();
        launch(userName, UNIT_224);
        open(awaitLanding(userName + "'s launch in the tool frame", landing));
        assertThat(driver.findElement(By.cssSelector(".bar .who")).getText()).startsWith(userName);
    }

    private void open(String toolPage) {
        driver.switchTo().defaultContent();
        driver.get(toolPage);
        waitFor("the tool page " + toolPage, ExpectedConditions.presenceOfElementLocated(By.id("content")));
    }

    /** Follows a link of the assessor navigation bar. */
    private void navigate(String link, String expectedId) {
        clickThrough(driver.findElement(By.cssSelector("nav[aria-label=Assessor]")).findElement(By.linkText(link)), "the " + link + " page");
        assertThat(driver.findElements(By.cssSelector("#" + expectedId + ", #" + expectedId + "-empty"))).isNotEmpty();
    }

    private void submit(String formId) {
        clickThrough(driver.findElement(By.id(formId)).findElement(By.cssSelector("button[type=submit]")), "the page after " + formId);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    /** What is still missing, unfolding the list as a person would when it is long. */
    private String missing() {
        WebElement list = driver.findElement(By.cssSelector("details.missing"));
        if (list.getDomAttribute("open") == null) {
            list.findElement(By.tagName("summary")).click();
        }
        return text("missing");
    }

    private String notice() {
        return driver.findElement(By.cssSelector("p.notice[role=status]")).getText().strip();
    }

    /** Photographs the page and runs axe on it. */
    private void page(String name) throws IOException {
        screenshot(next(name));
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            accessibilityProblems.add(name + ": axe did not run: " + results.getErrorMessage());
        }
        for (Rule rule : results.getViolations()) {
            if (BLOCKING_IMPACTS.contains(rule.getImpact())) {
                accessibilityProblems.add(name + ": " + rule.getId() + " (" + rule.getImpact() + ": " + rule.getHelp() + ") at "
                        + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining("; ")));
            }
        }
    }

    /** The page at 320 px wide: it must not scroll sideways. */
    private void narrow(String name) throws IOException {
        driver.manage().window().setSize(PHONE);
        try {
            Number viewport = (Number) script("return document.documentElement.clientWidth");
            Number content = (Number) script("return document.documentElement.scrollWidth");
            screenshot(next(name + "-320"));
            assertThat(content.intValue()).as(name + " width at a 320 px viewport").isLessThanOrEqualTo(viewport.intValue());
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    private String next(String name) {
        return String.format("%02d-%s.png", ++shots, name);
    }

    private static Path pdf(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 700);
                text.showText("Call notes: online account reset for Customer 14");
                text.endText();
            }
            document.save(file.toFile());
        }
        return file;
    }

    private static Path png(Path file) throws IOException {
        BufferedImage image = new BufferedImage(160, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 160, 90);
        g.setColor(new Color(0x0b5cad));
        g.drawString("Chat transcript", 10, 45);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
