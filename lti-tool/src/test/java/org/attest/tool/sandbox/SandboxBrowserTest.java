package org.attest.tool.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.attest.tool.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The sandbox in a real browser, as a person tries Attest: Chromium with third-party cookies
 * blocked opens the course at http://localhost:PORT/sandbox, and Attest runs in its iframe from
 * http://127.0.0.1:PORT, another site, using the sandbox's postMessage storage instead of cookies.
 * Screenshots go to target/screenshots.
 */
@Tag("browser")
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
class SandboxBrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    private static final String UNIT_224 = "Unit 224 Support customers using online customer services";
    private static final String UNIT_101 = "Unit 101 Prepare yourself to deliver good customer service";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private WebDriver driver;
    private Path profile;

    @BeforeAll
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
    }

    @BeforeEach
    void startBrowser() throws IOException {
        profile = Files.createTempDirectory("attest-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        // As many LMS users' browsers do: no third-party cookies, so the tool in the iframe gets none.
        options.setExperimentalOption("prefs", Map.of("profile.cookie_controls_mode", 1, "profile.block_third_party_cookies", true));
        driver = new ChromeDriver(options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        FileSystemUtils.deleteRecursively(profile.toFile());
    }

    @Test
    void learnerLaunchesIntoAttestRunningCrossSiteWithoutCookies() throws IOException {
        openCourse();

        launch("Sam Student", UNIT_224);

        String landing = toolLandingText();
        assertThat(landing).contains("Sam Student", "Customer Service Level 2", "LEARNER");
        assertThat(script("return window.location.origin")).isEqualTo("http://127.0.0.1:" + port);
        assertThat(script("document.cookie = 'attest_probe=1; SameSite=None; Secure'; return document.cookie"))
                .as("third-party cookies are blocked in the tool's frame").isEqualTo("");
        driver.switchTo().defaultContent();
        assertThat(script("return window.location.origin")).isEqualTo("http://localhost:" + port);
        screenshot("learner.png");
    }

    @Test
    void assessorLaunchShowsTheAssessorRole() throws IOException {
        openCourse();

        launch("Alex Assessor", UNIT_224);

        assertThat(toolLandingText()).contains("Alex Assessor", "Customer Service Level 2", "ASSESSOR");
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

        Number viewport = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth");
        Number content = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
        assertThat(viewport.intValue()).isLessThanOrEqualTo(320);
        assertThat(content.intValue()).as("page width at a 320 px viewport").isLessThanOrEqualTo(viewport.intValue());
        screenshot("sandbox-320.png");
    }

    private void openCourse() {
        driver.get("http://localhost:" + port + "/sandbox");
        waitFor("the sandbox course page", ExpectedConditions.presenceOfElementLocated(By.id("activities")));
    }

    private void launch(String userName, String activityTitle) {
        driver.switchTo().defaultContent();
        driver.findElement(By.xpath("//article[@data-title='" + activityTitle + "']//button[normalize-space()='Launch as "
                + userName + "']")).click();
        switchToToolFrame();
    }

    private void switchToToolFrame() {
        driver.switchTo().defaultContent();
        waitFor("the tool frame", ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool-frame"));
    }

    /** Waits, in the tool frame, for Attest's landing page after the whole login and launch. */
    private String toolLandingText() {
        WebElement who = waitFor("Attest's landing page in the tool frame", d -> {
            WebElement found = d.findElement(By.id("who"));
            return found.getText().contains("Signed in as") ? found : null;
        });
        return who.getText();
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE)
                    .ignoring(NoSuchElementException.class)
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            String page;
            try {
                page = driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText();
                screenshot("failure-" + what.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
            } catch (WebDriverException | IOException ignored) {
                page = "(page unreadable)";
            }
            throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; the current page shows:\n" + page, e);
        }
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
