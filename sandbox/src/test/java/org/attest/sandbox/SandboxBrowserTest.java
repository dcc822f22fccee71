package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sandbox in a real browser, as a person tries Attest: Chromium with third-party cookies
 * blocked opens the course at http://localhost:PORT/sandbox, and Attest runs in its iframe from
 * http://127.0.0.1:PORT, another site, using the sandbox's postMessage storage instead of cookies.
 */
@Tag("browser")
class SandboxBrowserTest extends BrowserTestSupport {

    private static final String UNIT_101 = "Unit 101 Prepare yourself to deliver good customer service";

    @Test
    void learnerLaunchLandsOnTheirUnitOverviewRunningCrossSiteWithoutCookies() throws IOException {
        openCourse();

        launch("Sam Student", UNIT_224);

        awaitLanding("Sam's unit overview in the tool frame", "/portfolio/");
        assertThat(driver.findElement(By.id("unit-title")).getText()).isEqualTo(UNIT_224);
        assertThat(driver.findElement(By.cssSelector(".bar .who")).getText()).contains("Sam Student", "CS-L2");
        assertThat(driver.findElements(By.cssSelector("nav[aria-label=Assessor]"))).as("a learner sees no assessor pages").isEmpty();
        assertThat(script("return window.location.origin")).isEqualTo("http://127.0.0.1:" + port);
        assertThat(script("document.cookie = 'attest_probe=1; SameSite=None; Secure'; return document.cookie"))
                .as("third-party cookies are blocked in the tool's frame").isEqualTo("");
        driver.switchTo().defaultContent();
        assertThat(script("return window.location.origin")).isEqualTo("http://localhost:" + port);
        screenshot("learner.png");
    }

    @Test
    void assessorLaunchLandsOnTheCaseloadOfTheUnit() throws IOException {
        openCourse();

        launch("Alex Assessor", UNIT_224);

        awaitLanding("Alex's caseload in the tool frame", "/caseload?unit=224");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Caseload: Customer Service Level 2");
        assertThat(driver.findElement(By.cssSelector(".bar .who")).getText()).contains("Alex Assessor", "CS-L2");
        assertThat(driver.findElement(By.cssSelector("nav[aria-label=Assessor]")).getText()).contains("Marking queue", "Countersign");
        screenshot("assessor.png");
    }

    @Test
    void assessorPlacesAUnitThroughDeepLinkingAndTheCourseListsIt() throws IOException {
        openCourse();

        driver.findElement(By.id("deep-link-alex")).click();
        switchToToolFrame();
        WebElement unit = waitFor("the tool's unit picker", ExpectedConditions.elementToBeClickable(By.id("unit-101")));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Add a unit to Customer Service Level 2");
        unit.click();
        script("window.scrollTo(0, 0)");
        screenshot("deep-linking.png");
        driver.findElement(By.id("place")).click();

        driver.switchTo().defaultContent();
        WebElement placed = waitFor("the new activity on the course page",
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".activity.new[data-title='" + UNIT_101 + "']")));
        assertThat(placed.getText()).contains(UNIT_101, "Launch as Sam Student");
        assertThat(driver.findElement(By.id("notice")).getText()).isEqualTo("Alex Assessor added " + UNIT_101);
        screenshot("sandbox.png");

        // The deep-linking response carried a lineItem, so the platform made the unit's grade column.
        driver.get(sandbox() + "/gradebook");
        WebElement column = waitFor("the new unit's grade column", ExpectedConditions.presenceOfElementLocated(
                By.xpath("//th[starts-with(@id, 'column-')][span[normalize-space()='" + UNIT_101 + "']]")));
        assertThat(column.getText()).contains("out of", "100", "tag unit");
        screenshot("sandbox-gradebook-new-column.png");
    }

    @Test
    void registeringAttestAgainRunsDynamicRegistrationInTheBrowserAndClosesOnTheToolsMessage() {
        openCourse();
        String before = driver.findElement(By.id("client-id")).getText();

        driver.findElement(By.cssSelector("#register-again button")).click();

        WebElement notice = waitFor("the course page after org.imsglobal.lti.close",
                ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(notice.getText()).isEqualTo("Attest registered with the sandbox again");
        assertThat(driver.findElement(By.id("registration")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("client-id")).getText()).startsWith("sandbox-").isNotEqualTo(before);
    }

    @Test
    void coursePageFitsA320PixelWideScreen() throws IOException {
        driver.manage().window().setSize(new Dimension(320, 900));
        openCourse();

        Number viewport = (Number) script("return document.documentElement.clientWidth");
        Number content = (Number) script("return document.documentElement.scrollWidth");
        assertThat(viewport.intValue()).isLessThanOrEqualTo(320);
        assertThat(content.intValue()).as("page width at a 320 px viewport").isLessThanOrEqualTo(viewport.intValue());
        screenshot("sandbox-320.png");
    }
}
