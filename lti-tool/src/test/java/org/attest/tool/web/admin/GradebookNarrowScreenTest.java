package org.attest.tool.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.attest.tool.lti.Platform;
import org.attest.tool.lti.TestPlatform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/** The Grade delivery page, with a refused score whose LMS message is one long URL, fits a 320 px wide screen. */
class GradebookNarrowScreenTest extends AdminIntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void refusedScoresFitTheirCardAt320Pixels() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "needs Debian's chromium");
        try (TestPlatform college = TestPlatform.start()) {
            Platform platform = college.register(registry);
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("""
                    INSERT INTO score_outbox (id, platform_id, resource_link_id, user_id, reason, score_given, score_maximum,
                        activity_progress, grading_progress, score_timestamp, state, attempts, next_attempt_at, last_status, last_error,
                        created_at, finished_at)
                    VALUES (?, ?, 'link-with-a-rather-long-identifier-0123456789', '6', 'PROGRESS', 40, 100, 'InProgress',
                        'FullyGraded', ?, 'FAILED', 4, ?, 409, ?, ?, ?)""")
                    .params(UUID.randomUUID(), platform.id(), now, now, "http://127.0.0.1:8081/mod/lti/services.php/2/lineitems/"
                            + "1/lineitem/scores?type_id=1&answered=HTTP_409_Refusing_score_with_an_earlier_timestamp_for_item_1_and_user_6",
                            now, now)
                    .update();
            String admin = launchSession(college, INSTITUTION_ADMIN);
            Path profile = Files.createTempDirectory("attest-chromium-");
            System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toString());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--no-first-run", "--disable-background-networking", "--window-size=320,900", "--user-data-dir=" + profile);
            ChromeDriver driver = new ChromeDriver(options);
            try {
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(320, 900));
                driver.get(baseUrl() + admin + "/admin/gradebook");
                JavascriptExecutor js = driver;
                Number viewport = (Number) js.executeScript("return document.documentElement.clientWidth");
                Number page = (Number) js.executeScript("return document.documentElement.scrollWidth");
                Number card = (Number) js.executeScript("return document.querySelector('.card').clientWidth");
                Number table = (Number) js.executeScript("return document.querySelector('table.stack').scrollWidth");
                assertThat(viewport.intValue()).isLessThanOrEqualTo(320);
                assertThat(page.intValue()).as("page width at a 320 px viewport").isLessThanOrEqualTo(viewport.intValue());
                assertThat(table.intValue()).as("refused-scores table width in its card").isLessThanOrEqualTo(card.intValue());
            } finally {
                driver.quit();
            }
        }
    }
}
