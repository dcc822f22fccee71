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
class PortfolioBrowserTest extends UnitFlowBrowserSupport {

    @TempDir
    Path files;

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
}
