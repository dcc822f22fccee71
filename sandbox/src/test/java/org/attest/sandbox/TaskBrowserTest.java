package org.attest.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An assessment task in a real browser, from the sandbox course: the tutor places it by Deep
 * Linking, types a learner's grade in the sandbox gradebook, and sees the task's criteria met in
 * Attest, shown as decided from the LMS gradebook. Screenshots: target/screenshots/task-*.png.
 */
@Tag("browser")
class TaskBrowserTest extends BrowserTestSupport {

    private static final String TASK = "Assignment 1: helping customers online";

    @Test
    void tutorsGradeInTheGradebookForAMappedTaskBecomesMetDecisionsInAttest() throws IOException {
        openCourse();
        driver.findElement(By.id("deep-link-alex")).click();
        switchToToolFrame();
        clickThrough(waitFor("the unit picker's task link", ExpectedConditions.elementToBeClickable(By.id("add-task"))),
                "the task form's unit step");
        driver.findElement(By.id("task-unit-224")).click();
        clickThrough(driver.findElement(By.id("next")), "the task form's criteria step");
        driver.findElement(By.id("title")).sendKeys(TASK);
        driver.findElement(By.id("criterion-224.1.1")).click();
        driver.findElement(By.id("criterion-224.1.2")).click();
        WebElement passMark = driver.findElement(By.id("passMark"));
        passMark.clear();
        passMark.sendKeys("60");
        screenshot("task-deep-linking.png");
        driver.findElement(By.id("place-task")).click();

        driver.switchTo().defaultContent();
        waitFor("the task on the course page",
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".activity.new[data-title='" + TASK + "']")));
        driver.get(sandbox() + "/gradebook");
        WebElement column = driver.findElement(By.xpath("//th[span[normalize-space()='" + TASK + "']]"));
        assertThat(column.getText()).contains("100", "tag attest-task");
        String lineItem = column.getAttribute("id").substring("column-".length());
        WebElement cell = driver.findElement(By.id("cell-sam-" + lineItem));
        cell.findElement(By.name("grade")).sendKeys("80");
        cell.findElement(By.tagName("button")).click();
        assertThat(waitFor("the grade entered", ExpectedConditions.presenceOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Grade 80 entered for Sam Student");
        screenshot("task-sandbox-gradebook.png");

        openCourse();
        launch("Alex Assessor", TASK);
        awaitLanding("the task page in the tool frame", "/tasks/");
        assertThat(driver.findElement(By.id("task-title")).getText()).isEqualTo(TASK);
        clickThrough(driver.findElement(By.id("pull-now")), "the task page after pulling grades");
        WebElement grades = waitFor("Sam's grade on the task page", ExpectedConditions.presenceOfElementLocated(By.id("task-grades")));
        assertThat(grades.getText()).contains("Sam Student", "80/100", "Pass", "met 224.1.1, 224.1.2");
        screenshot("task-page.png");

        clickThrough(grades.findElement(By.linkText("Sam Student")), "Sam's portfolio");
        for (String code : new String[] {"224.1.1", "224.1.2"}) {
            WebElement row = driver.findElement(By.cssSelector("tr[data-code='" + code + "']"));
            assertThat(row.getText()).as(code).contains("Met", "LMS gradebook");
        }
        assertThat(driver.findElement(By.id("evidence")).getText()).contains("Passed in the LMS gradebook: " + TASK + " (80/100)");
        screenshot("task-gradebook-decisions.png");
    }
}
