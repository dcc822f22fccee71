package org.attest.sandbox;

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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchFrameException;
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
 * The sandbox course in headless Chromium with third-party cookies blocked, as many LMS users'
 * browsers are: the course at http://localhost:PORT/sandbox, Attest in its iframe from
 * http://127.0.0.1:PORT, another site. Screenshots go under target/screenshots.
 */
@TestPropertySource(properties = {"attest.sandbox.enabled=true", "attest.sandbox.base-url=http://localhost:${server.port}/sandbox"})
abstract class BrowserTestSupport extends IntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    static final String UNIT_224 = "Unit 224 Support customers using online customer services";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    WebDriver driver;
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
                "--hide-scrollbars", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("profile.cookie_controls_mode", 1, "profile.block_third_party_cookies", true));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        driver = new ChromeDriver(options);
        Files.createDirectories(screenshots());
    }

    @AfterEach
    void stopBrowser() {
        java.util.List<String> refusedByPolicy = new java.util.ArrayList<>();
        if (driver != null) {
            try {
                driver.manage().logs().get("browser").forEach(entry -> {
                    if (entry.getMessage().contains("Content Security Policy")) {
                        refusedByPolicy.add(entry.getMessage());
                    }
                });
            } finally {
                driver.quit();
                FileSystemUtils.deleteRecursively(profile.toFile());
            }
        }
        // A page whose script or frame the Content-Security-Policy blocked would half work: none may.
        Assertions.assertTrue(refusedByPolicy.isEmpty(), () -> "the browser refused by Content-Security-Policy: " + refusedByPolicy);
    }

    /** Where this test's screenshots go. */
    Path screenshots() {
        return SCREENSHOTS;
    }

    String sandbox() {
        return "http://localhost:" + port + "/sandbox";
    }

    void openCourse() {
        driver.switchTo().defaultContent();
        driver.get(sandbox());
        waitFor("the sandbox course page", ExpectedConditions.presenceOfElementLocated(By.id("activities")));
    }

    /** Clicks "Launch as {userName}" on an activity of the course page and switches into the tool's frame. */
    void launch(String userName, String activityTitle) {
        driver.switchTo().defaultContent();
        driver.findElement(By.xpath("//article[@data-title='" + activityTitle + "']//button[normalize-space()='Launch as "
                + userName + "']")).click();
        switchToToolFrame();
    }

    void switchToToolFrame() {
        driver.switchTo().defaultContent();
        waitFor("the tool frame", ExpectedConditions.frameToBeAvailableAndSwitchToIt("tool-frame"));
    }

    /**
     * Waits until the launch has landed, in the tool frame, on a page whose address contains
     * {@code landing}, and returns that address. The frame is entered afresh on each look, as
     * ChromeDriver can lose it while it moves to another site's process.
     */
    String awaitLanding(String what, String landing) {
        return waitFor(what, d -> {
            d.switchTo().defaultContent();
            d.switchTo().frame("tool-frame");
            String href = String.valueOf(script("return window.location.href"));
            return href.contains(landing) && "complete".equals(script("return document.readyState")) ? href : null;
        });
    }

    /** Clicks a link or button and waits until another page has replaced this one and loaded. */
    void clickThrough(WebElement element, String what) {
        script("window.attestPageBefore = true");
        element.click();
        waitFor(what, d -> {
            try {
                return Boolean.TRUE.equals(script("return window.attestPageBefore === undefined && document.readyState === 'complete'"));
            } catch (WebDriverException betweenPages) {
                return false; // ChromeDriver's errors while one document replaces another vary by timing
            }
        });
    }

    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE)
                    .ignoring(NoSuchElementException.class)
                    .ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchFrameException.class)
                    .ignoring(JavascriptException.class) // a script run while the page is being replaced
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

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /**
     * The whole page, not only what the window shows, so that a long form is seen to its end: the
     * window grows to the page's height for the picture. (Chromium's captureBeyondViewport left
     * parts of long forms unpainted.)
     */
    void screenshot(String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((ChromeDriver) driver)
                .executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        int height = (int) Math.ceil(((Number) content.get("height")).doubleValue());
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(Math.max(height, window.getHeight()), 12_000)));
        try {
            script("window.scrollTo(0, 0)");
            // Let the page, and a frame from another site painted by its own process, draw the new size.
            ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));");
            Files.write(screenshots().resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(window);
        }
    }
}
