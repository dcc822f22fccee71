package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.attest.tool.quality.internal.EqaGrants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An external verifier in a real browser, as a normal top-level site (no LMS around it): the centre grants Erin access
 * to Unit 224 (as the admin page does); she opens the one-time link, types the code given out of band, reads the
 * learner units and a portfolio, and writes her visit report. Each page is photographed
 * (target/screenshots/eqa), checked with axe, and at 320 px.
 */
@Tag("browser")
@org.springframework.test.context.TestPropertySource(properties = "attest.test.sandbox=eqa-browser")
class EqaBrowserTest extends UnitFlowBrowserSupport {

    @TempDir
    Path files;

    @Autowired
    EqaGrants grants;

    @Autowired
    JdbcClient jdbc;

    @Override
    Path screenshots() {
        return SCREENSHOTS.resolve("eqa");
    }

    @Test
    void anExternalVerifierSignsInWithTheLinkAndCodeReadsTheGrantAndWritesTheReport() throws Exception {
        openCourse();
        launch("Sam Student", UNIT_224);
        open(awaitLanding("Sam's unit overview in the tool frame", "/portfolio/"));
        addEvidence("Observation: online account reset", LocalDate.now().minusDays(10), "Customer 14", png(files.resolve("c.png")), false);
        mapEverything(false);
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        navigate("Marking queue", "queue");
        clickThrough(driver.findElement(By.linkText("Observation: online account reset")), "the review form");
        reviewEveryClaimAsMet();

        UUID unit = jdbc.sql("SELECT id FROM learner_unit WHERE learner_subject = 'sam' ORDER BY created_at DESC LIMIT 1")
                .query(UUID.class).single();
        var facts = jdbc.sql("SELECT platform_id, framework_id FROM learner_unit WHERE id = ?").param(unit).query().singleRow();
        EqaGrants.Issued issued = grants.create((UUID) facts.get("platform_id"), new EqaGrants.Request("Erin External",
                "erin@awarding.example", "City & Guilds", (UUID) facts.get("framework_id"), "", null, LocalDate.now(),
                LocalDate.now().plusDays(7)), "Ada Admin");

        driver.switchTo().defaultContent();
        driver.get(baseUrl() + "/eqa/" + issued.linkToken());
        page("eqa-sign-in");
        narrow("eqa-sign-in");
        driver.findElement(By.id("code")).sendKeys(issued.accessCode());
        clickThrough(driver.findElement(By.cssSelector("form button[type=submit]")), "the EQA's home");
        assertThat(text("eqa-title")).isEqualTo("External verification");
        assertThat(text("units")).contains("Sam Student", "224", "Alex Assessor");
        page("eqa-home");
        narrow("eqa-home");
        String home = driver.getCurrentUrl();

        clickThrough(driver.findElement(By.id("units")).findElement(By.linkText("Portfolio")), "Sam's portfolio, read-only");
        assertThat(text("unit-title")).isEqualTo(UNIT_224);
        assertThat(driver.findElements(By.id("add-evidence"))).as("nothing to change for a verifier").isEmpty();
        assertThat(driver.findElements(By.linkText("Review"))).isEmpty();
        page("eqa-portfolio");
        narrow("eqa-portfolio");

        open(home);
        clickThrough(driver.findElement(By.linkText("Write the visit report")), "the visit report form");
        page("eqa-report-form");
        narrow("eqa-report-form");
        driver.findElement(By.id("summary")).sendKeys("Assessment decisions on Unit 224 are sound and well evidenced.");
        driver.findElement(By.id("action-1")).sendKeys("Record the customer's needs in every observation");
        driver.findElement(By.id("due-1")).sendKeys(asTyped(LocalDate.now().plusDays(30)));
        clickThrough(driver.findElement(By.cssSelector("#content form button[type=submit]")), "the EQA's home after the report");
        assertThat(notice()).isEqualTo("Your visit report was saved; the centre sees it.");
        page("eqa-home-reported");

        assertThat(accessibilityProblems).as("axe found serious or critical problems:\n" + String.join("\n", accessibilityProblems))
                .isEmpty();
    }
}
