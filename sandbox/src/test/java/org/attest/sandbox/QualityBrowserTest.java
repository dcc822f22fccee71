package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Internal quality assurance in a real browser, from the sandbox course: Alex signs Sam's unit off (the gradebook cell
 * shows it complete); Ivy, the course's internal verifier (named lead IQA by the sandbox), makes a summative plan, takes
 * the proposed sample, reads the portfolio and does not agree, with a reason and an action point; the gradebook cell
 * drops from complete; Alex sees the action, marks it done, judges the criterion again and signs off again (the unit
 * says it was sent back); Ivy agrees; the unit is ready to claim and complete in the gradebook again. Each page is
 * photographed (target/screenshots/quality) and checked with axe, and the IQA's pages at 320 px.
 */
@Tag("browser")
@org.springframework.test.context.TestPropertySource(properties = "attest.test.sandbox=quality-browser")
class QualityBrowserTest extends UnitFlowBrowserSupport {

    @TempDir
    Path files;

    @Override
    Path screenshots() {
        return SCREENSHOTS.resolve("quality");
    }

    @Test
    void anIqaSamplesDisagreesAndAgreesAndTheGradebookFollows() throws Exception {
        Path chat = png(files.resolve("chat.png"));
        openCourse();
        launch("Sam Student", UNIT_224);
        String samHome = awaitLanding("Sam's unit overview in the tool frame", "/portfolio/");
        open(samHome);
        addEvidence("Observation: online account reset", LocalDate.now().minusDays(10), "Customer 14", chat, false);
        mapEverything(false);
        addEvidence("Witness testimony: delivery problem", LocalDate.now().minusDays(3), "Customer 22", chat, false);
        mapEverything(false);
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        for (String evidence : new String[] {"Observation: online account reset", "Witness testimony: delivery problem"}) {
            navigate("Marking queue", "queue");
            clickThrough(driver.findElement(By.linkText(evidence)), "the review form");
            reviewEveryClaimAsMet();
        }
        launchAndOpen("Sam Student", "/portfolio/");
        driver.findElement(By.id("declaration-name")).sendKeys("Sam Student");
        submit("declaration");
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        clickThrough(driver.findElement(By.id("caseload")).findElement(By.linkText("Sam Student")), "Sam's unit overview");
        driver.findElement(By.id("sign-off-name")).sendKeys("Alex Assessor");
        submit("sign-off");
        assertThat(text("status")).isEqualTo("Complete");
        assertThat(gradebookCellOnce("Completed")).contains("100 / 100");

        // Ivy plans and samples.
        launchAndOpen("Ivy Verifier", "/caseload");
        navigate("Quality", "assessor-actions");
        clickThrough(driver.findElement(By.id("iqa-work")), "the IQA's home");
        assertThat(text("iqa-title")).isEqualTo("Internal quality assurance");
        page("iqa-home");
        narrow("iqa-home");
        driver.findElement(By.id("plan-title")).sendKeys("Customer Service L2, summative 2026/27");
        for (String field : new String[] {"plan-base", "plan-raised"}) {
            WebElement rate = driver.findElement(By.id(field));
            rate.clear();
            rate.sendKeys("100");
        }
        submit("new-plan");
        assertThat(text("proposal")).contains("Sam Student", "Alex Assessor", "every one of Alex Assessor's units");
        page("plan-proposal");
        narrow("plan-proposal");
        submit("take");
        assertThat(notice()).isEqualTo("1 learner units joined the sample.");
        String planPage = driver.getCurrentUrl().replaceAll("\\?.*", "");
        clickThrough(driver.findElement(By.linkText("Sampling matrix")), "the sampling matrix");
        assertThat(text("matrix")).contains("Alex Assessor", "Unit 224", "Observation", "1 of 1");
        page("sampling-matrix");
        narrow("sampling-matrix");
        driver.navigate().back();
        clickThrough(driver.findElement(By.cssSelector("#sample a.button")), "the verify page");
        String verifyPage = driver.getCurrentUrl();
        assertThat(text("facts")).contains("Alex Assessor", "Signed off", "Observation, Witness testimony");
        page("verify");
        narrow("verify");
        clickThrough(driver.findElement(By.id("open-portfolio")), "the portfolio, read-only");
        // Ivy is also a tutor of this course in the sandbox, so she sees its tutors' links; an IQA from outside the
        // course reads it without them (QualityHoldFlowTest). The unit is signed off: no sign-off form.
        assertThat(text("unit-title")).isEqualTo(UNIT_224);
        assertThat(driver.findElements(By.id("sign-off"))).isEmpty();
        page("portfolio-read-only");

        // Ivy does not agree.
        open(verifyPage);
        driver.findElement(By.cssSelector("input[name=outcome][value=NOT_AGREE]")).click();
        driver.findElement(By.id("feedback")).sendKeys("The observation record does not show what the customer needed.");
        driver.findElements(By.cssSelector("#decide textarea[id^=reason-]")).get(0)
                .sendKeys("No record of the customer's needs being identified.");
        driver.findElement(By.id("action-1")).sendKeys("Observe Sam again with a customer new to the service");
        driver.findElement(By.id("due-1")).sendKeys(asTyped(LocalDate.now().plusDays(14)));
        submit("decide");
        assertThat(notice()).isEqualTo("Decision recorded.");
        assertThat(text("facts")).contains("Yes: an IQA did not agree");
        page("not-agreed");
        assertThat(gradebookCellOnce("InProgress")).contains("94 / 100", "17 of 18 criteria met");
        page("gradebook-after-disagreement");

        // Alex acts and signs off again: still held.
        launchAndOpen("Alex Assessor", "/caseload?unit=224");
        navigate("Quality", "assessor-actions");
        assertThat(text("assessor-actions")).contains("Observe Sam again with a customer new to the service");
        page("assessor-actions");
        driver.findElement(By.cssSelector("#assessor-actions input[name=note]")).sendKeys("Observed again on a new customer's call");
        clickThrough(driver.findElement(By.cssSelector("#assessor-actions button[type=submit]")), "the actions page");
        assertThat(notice()).startsWith("Marked as done.");
        navigate("Marking queue", "queue");
        clickThrough(driver.findElement(By.linkText("Sam Student, Unit 224")), "the unit sent back");
        assertThat(text("held")).isEqualTo("Sent back by the internal verifier");
        page("unit-sent-back");
        WebElement observation = driver.findElement(By.xpath(
                "//table[@id='evidence']//tr[.//a[normalize-space()='Observation: online account reset']]"));
        clickThrough(observation.findElement(By.linkText("Review")), "the review form");
        reviewEveryClaimAsMet();
        driver.findElement(By.id("sign-off-name")).sendKeys("Alex Assessor");
        submit("sign-off");
        assertThat(text("held")).isEqualTo("Sent back by the internal verifier");
        assertThat(missing()).contains("the internal verifier has not yet agreed");

        // Ivy agrees: ready to claim, complete in the gradebook.
        launchAndOpen("Ivy Verifier", "/caseload");
        open(driver.getCurrentUrl().replaceAll("/s/([^/]+)/.*", "/s/$1") + verifyPage.replaceAll(".*/s/[^/]+", ""));
        driver.findElement(By.cssSelector("input[name=outcome][value=AGREE]")).click();
        driver.findElement(By.id("feedback")).sendKeys("Agreed after the second observation.");
        submit("decide");
        assertThat(text("reviews")).contains("Not agreed", "Agreed", "Observe Sam again");
        page("agreed");
        open(driver.getCurrentUrl().replaceAll("(/s/[^/]+)/.*", "$1") + "/iqa/ready");
        assertThat(text("ready")).contains("Sam Student", "Ready", "Agreed by Ivy Verifier");
        page("ready-to-claim");
        narrow("ready-to-claim");
        assertThat(gradebookCellOnce("Completed")).contains("100 / 100");

        // Ivy, the lead IQA, closes the plan now its sample is verified: its sample no longer changes.
        open(planPage);
        driver.findElement(By.id("close-note")).sendKeys("Summative sampling for the July claim");
        submit("close");
        assertThat(notice()).startsWith("Plan closed. No learner unit was closed out of the sample");
        assertThat(text("plan-closed")).contains("Closed by Ivy Verifier", "Summative sampling for the July claim");
        assertThat(driver.findElements(By.id("take"))).isEmpty();
        page("plan-closed");
        narrow("plan-closed");

        assertThat(accessibilityProblems).as("axe found serious or critical problems:\n" + String.join("\n", accessibilityProblems))
                .isEmpty();
    }

    /** Sam's Unit 224 cell in the sandbox gradebook, once it shows {@code progress} (scores are sent in the background). */
    private String gradebookCellOnce(String progress) {
        String cell = waitFor("Sam's cell showing " + progress, d -> {
            String text = gradebookCell("Sam Student", "Unit 224");
            return text.contains(progress) ? text : null;
        });
        return cell;
    }
}
