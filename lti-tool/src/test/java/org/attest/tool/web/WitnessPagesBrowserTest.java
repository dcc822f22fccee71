package org.attest.tool.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The witness pages in Chromium: the assessor's witness status list, the link page, the record of expert witness and
 * its form, and the witness's own page, each checked with axe (no serious or critical problem) and at 320 px wide (no
 * sideways scrolling); the witness confirms in the browser and the list shows it.
 */
class WitnessPagesBrowserTest extends PortfolioTestSupport {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Set<String> BLOCKING = Set.of("serious", "critical");
    static final Pattern LINK = Pattern.compile("value=\"(http[^\"]*/witness/[A-Za-z0-9_-]{43})\"");

    @Test
    void theWitnessPagesAreAccessibleAndFitA320PixelScreen() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs Debian's chromium");
        String course = "witness-browser-" + UUID.randomUUID();
        Launched sam = launch(platform, new Person("sam-b", "Sam Student", LEARNER), course, "act-" + course);
        Launched alex = launch(platform, new Person("alex-b", "Alex Assessor", INSTRUCTOR), course, "act-" + course);
        UUID unit = idAfter(sam.landing(), "portfolio");
        List<Map.Entry<String, String>> fields = new ArrayList<>(evidenceFields("Delivery problem",
                LocalDate.now().minusDays(3).toString(), "Customer 9", "WITNESS_TESTIMONY"));
        fields.add(Map.entry("witnessName", "Pat Supervisor"));
        fields.add(Map.entry("witnessContact", "pat.supervisor@example.org, 0113 496 0000, Unit 4, Kirkstall Road, Leeds"));
        fields.add(Map.entry("witnessStatus", "3"));
        fields.add(Map.entry("witnessRelationship", "Team leader"));
        UUID evidence = idAfter(location(multipart(sam.base() + "/portfolio/" + unit + "/evidence", fields,
                List.of(new FilePart("files", "notes.txt", "text/plain", "n".getBytes(StandardCharsets.UTF_8))))), "evidence");
        UUID record = idAfter(location(post(alex.base() + "/witnesses/" + unit + "/expert", form("witnessName",
                "Dr Erin Expert", "site", "Leeds contact centre", "supervisoryYears", "true", "knowsStandards", "true",
                "standardsReference", "224.1, 224.2", "witnessStatement", "Sam handled the escalation competently."))),
                "expert");

        Path profile = Files.createTempDirectory("attest-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--no-first-run", "--disable-background-networking", "--window-size=1200,900", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(options);
        List<String> problems = new ArrayList<>();
        try {
            String list = baseUrl() + alex.base() + "/witnesses/" + unit;
            check(driver, list, "witness status list", problems);
            check(driver, baseUrl() + alex.base() + "/witnesses/" + unit + "/expert/new", "expert form", problems);
            check(driver, baseUrl() + alex.base() + "/witnesses/" + unit + "/expert/" + record, "expert record", problems);

            driver.get(list);
            driver.findElement(By.cssSelector("#witness-list form button")).click();
            assertThat(shown(driver, "issued-title").getText()).contains("Pat Supervisor");
            checkHere(driver, "link issued", problems);
            Matcher m = LINK.matcher(driver.getPageSource());
            assertThat(m.find()).isTrue();
            String witnessLink = m.group(1);

            check(driver, witnessLink, "witness page", problems);
            driver.get(witnessLink);
            driver.findElement(By.id("typed-name")).sendKeys("Pat Supervisor");
            driver.findElement(By.cssSelector("#confirm button")).click();
            assertThat(shown(driver, "answered").getText()).contains("You confirmed the statement");
            checkHere(driver, "witness thanked", problems);
            check(driver, witnessLink, "dead link", problems);

            driver.get(list);
            assertThat(driver.findElement(By.id("witness-list")).getText()).contains("confirmed “Pat Supervisor”");
            driver.findElement(By.id("list-name")).sendKeys("Alex Assessor");
            driver.findElement(By.cssSelector("#sign-list button")).click();
            assertThat(shown(driver, "signed-as-shown").getText()).contains("Alex Assessor");
            checkHere(driver, "signed list", problems);
            check(driver, baseUrl() + alex.base() + "/evidence/" + evidence, "evidence confirmed", problems);
            assertThat(driver.findElement(By.id("witness-confirmed")).getText()).startsWith("Confirmed by the witness on");
        } finally {
            driver.quit();
        }
        assertThat(problems).isEmpty();
    }

    private static void check(ChromeDriver driver, String url, String name, List<String> problems) {
        driver.manage().window().setSize(new Dimension(1200, 900));
        driver.get(url);
        checkHere(driver, name, problems);
    }

    private static void checkHere(ChromeDriver driver, String name, List<String> problems) {
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            problems.add(name + ": axe did not run: " + results.getErrorMessage());
        }
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                problems.add(name + ": " + rule.getId() + " (" + rule.getImpact() + ": " + rule.getHelp() + ") at "
                        + rule.getNodes().stream().map(n -> n.getTarget() + " " + n.getHtml()).collect(Collectors.joining("; ")));
            }
        }
        driver.manage().window().setSize(new Dimension(320, 900));
        try { // for a person to look at: target/screenshots/witnesses/
            Path shots = Files.createDirectories(Path.of("target", "screenshots", "witnesses"));
            Files.write(shots.resolve(name.replace(' ', '-') + "-320.png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            problems.add(name + ": screenshot not written: " + e.getMessage());
        }
        JavascriptExecutor js = driver;
        Number viewport = (Number) js.executeScript("return document.documentElement.clientWidth");
        Number content = (Number) js.executeScript("return document.documentElement.scrollWidth");
        if (content.intValue() > viewport.intValue()) {
            problems.add(name + ": " + content + " px wide at a " + viewport + " px viewport");
        }
        driver.manage().window().setSize(new Dimension(1200, 900));
    }

    /** The element once the page the last click submitted has loaded (a busy machine may answer after the click returns). */
    private static org.openqa.selenium.WebElement shown(ChromeDriver driver, String id) {
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }
}
