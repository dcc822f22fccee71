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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What the browser tests of a whole unit share: launching a person and opening the tool's page on its own, adding
 * evidence, mapping and reviewing it, photographing each page and checking it with axe ({@link #page}) and at 320 px
 * ({@link #narrow}), and reading the sandbox gradebook.
 */
abstract class UnitFlowBrowserSupport extends BrowserTestSupport {

    static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    static final int CRITERIA = 18;
    static final int RANGE_ITEMS = 4;
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(320, 800);

    /** Serious or critical problems axe found on the pages photographed so far. */
    final List<String> accessibilityProblems = new ArrayList<>();
    private int shots;

    void addEvidence(String title, LocalDate occasion, String customer, Path file, boolean alsoNarrow) throws IOException {
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
    String asTyped(LocalDate date) {
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

    void mapEverything(boolean tryTheSearch) throws IOException {
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

    void reviewEveryClaimAsMet() throws IOException {
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
    String gradebookCell(String member, String column) {
        driver.switchTo().defaultContent();
        driver.get(sandbox() + "/gradebook");
        String columnId = driver.findElement(By.xpath("//th[starts-with(@id, 'column-')][span[starts-with(normalize-space(), '"
                + column + "')]]")).getAttribute("id").substring("column-".length());
        String rowId = driver.findElement(By.xpath("//tr[th/span[normalize-space()='" + member + "']]")).getAttribute("id")
                .substring("row-".length());
        return driver.findElement(By.id("cell-" + rowId + "-" + columnId)).getText();
    }

    /** Launches from the course page and, once the tool has landed in its frame, opens that page on its own. */
    void launchAndOpen(String userName, String landing) {
        openCourse();
        launch(userName, UNIT_224);
        open(awaitLanding(userName + "'s launch in the tool frame", landing));
        assertThat(driver.findElement(By.cssSelector(".bar .who")).getText()).startsWith(userName);
    }

    void open(String toolPage) {
        driver.switchTo().defaultContent();
        driver.get(toolPage);
        waitFor("the tool page " + toolPage, ExpectedConditions.presenceOfElementLocated(By.id("content")));
    }

    /** Follows a link of the assessor navigation bar. */
    void navigate(String link, String expectedId) {
        clickThrough(driver.findElement(By.cssSelector("nav[aria-label=Assessor]")).findElement(By.linkText(link)), "the " + link + " page");
        assertThat(driver.findElements(By.cssSelector("#" + expectedId + ", #" + expectedId + "-empty"))).isNotEmpty();
    }

    void submit(String formId) {
        clickThrough(driver.findElement(By.id(formId)).findElement(By.cssSelector("button[type=submit]")), "the page after " + formId);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }

    /** What is still missing, unfolding the list as a person would when it is long. */
    String missing() {
        WebElement list = driver.findElement(By.cssSelector("details.missing"));
        if (list.getDomAttribute("open") == null) {
            list.findElement(By.tagName("summary")).click();
        }
        return text("missing");
    }

    String notice() {
        return driver.findElement(By.cssSelector("p.notice[role=status]")).getText().strip();
    }

    /** Photographs the page and runs axe on it. */
    void page(String name) throws IOException {
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
    void narrow(String name) throws IOException {
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

    String next(String name) {
        return String.format("%02d-%s.png", ++shots, name);
    }

    static Path pdf(Path file) throws IOException {
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

    static Path png(Path file) throws IOException {
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
