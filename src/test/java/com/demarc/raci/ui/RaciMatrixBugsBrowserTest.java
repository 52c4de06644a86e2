package com.demarc.raci.ui;

import com.demarc.project.Project;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19's bugs of the RACI matrix, reproduced in Chromium as a person meets them. */
class RaciMatrixBugsBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    /**
     * Tick two rows, make Alice Accountable, then tick one other row: the dialog used to say "Assign to 3 control(s)"
     * and replace Alice on the two rows no longer ticked (the selection kept the rows as they were before the edit).
     */
    @Test
    void bulkAssignActsOnlyOnTheRowsTickedNow() {
        Project project = fixtures.project("Payments", "Bulk stale", "EC2", "S3");
        loginAndWait("manager", PASSWORD);
        driver.get(url("projects/" + project.id().value()));
        tick("SRM-IAM-02");
        tick("SRM-IAM-03");
        clickWhenReady(By.cssSelector("#bulk-assign"));
        waitUp().until(d -> headerText().contains("Assign to 2 control(s)"));
        comboSelect("#bulk-who", "Alice", "Alice Anders");
        clickWhenReady(By.cssSelector("#bulk-apply"));
        waitUp().until(d -> "Alice Anders".equals(accountable(project, "SRM-IAM-02"))
                && "Alice Anders".equals(accountable(project, "SRM-IAM-03")));
        waitUp().until(ExpectedConditions.invisibilityOfElementLocated(By.id("bulk-apply")));

        tick("SRM-IAM-04");
        clickWhenReady(By.cssSelector("#bulk-assign"));
        waitUp().until(d -> headerText().contains("Assign to"));
        assertThat(headerText()).contains("Assign to 1 control(s)");
        comboSelect("#bulk-who", "Morgan", "Morgan Manager");
        clickWhenReady(By.cssSelector("#bulk-apply"));
        waitUp().until(d -> accountable(project, "SRM-IAM-04") != null);
        assertThat(accountable(project, "SRM-IAM-02")).isEqualTo("Alice Anders");
        assertThat(accountable(project, "SRM-IAM-03")).isEqualTo("Alice Anders");
    }

    /** The auditor was offered row check boxes and "Assign A or R to selected…" that the server then refused. */
    @Test
    void theAuditorIsOfferedNoCheckBoxesAndNoBulkAssign() {
        Project project = fixtures.project("Payments", "Bulk auditor", "EC2");
        loginAndWait("auditor", PASSWORD);
        driver.get(url("projects/" + project.id().value()));
        waitUp().until(d -> cells().stream().anyMatch(e -> e.getText().startsWith("SRM-")));
        assertThat(driver.findElements(By.cssSelector("#raci-grid vaadin-checkbox"))).isEmpty();
        assertThat(driver.findElements(By.id("bulk-assign"))).isEmpty();

        driver.get(url("matrix"));
        waitUp().until(d -> cells().stream().anyMatch(e -> e.getText().startsWith("SRM-")));
        assertThat(driver.findElements(By.cssSelector("#raci-grid vaadin-checkbox"))).isEmpty();
        assertThat(driver.findElements(By.id("matrix-bulk"))).isEmpty();
    }

    /** The editor's "Unowned: No Accountable person, No Responsible." line used to stay as it was until saved. */
    @Test
    void theUnownedLineFollowsThePickers() {
        Project project = fixtures.project("Payments", "Unowned line", "EC2");
        loginAndWait("manager", PASSWORD);
        driver.get(url("projects/" + project.id().value()));
        filterTo("SRM-IAM-02");
        click(waitUp().until(d -> cells().stream().filter(e -> e.getText().equals("SRM-IAM-02")).findFirst().orElse(null)));
        assertThat(waitFor("#control-ownership").getText()).isEqualTo("Unowned: No Accountable person, No Responsible.");
        comboSelect("vaadin-combo-box#raci-a", "Alice", "Alice Anders");
        waitUp().until(d -> waitFor("#control-ownership").getText().equals("Unowned: No Responsible."));
        comboSelect("vaadin-multi-select-combo-box#raci-r", "Payments", "Payments (team)");
        waitUp().until(d -> waitFor("#control-ownership").getText().equals("Owned."));
        assertThat(accountable(project, "SRM-IAM-02")).as("nothing saved yet").isNull();
    }

    private void tick(String code) {
        filterTo(code);
        var box = waitUp().until(d -> d.findElements(By.cssSelector("#raci-grid vaadin-checkbox:not(#selectAllCheckbox)"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        click(box);
        waitUp().until(d -> box.getDomAttribute("checked") != null);
    }

    private void filterTo(String code) {
        var search = waitFor("vaadin-text-field input[placeholder='Code or title']");
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), code);
        waitUp().until(d -> {
            var codes = cells().stream().map(WebElement::getText).filter(t -> t.matches("SRM-[A-Z]+-\\d+")).toList();
            return !codes.isEmpty() && codes.stream().allMatch(code::equals);
        });
    }

    private List<WebElement> cells() {
        return driver.findElements(By.cssSelector("#raci-grid vaadin-grid-cell-content"));
    }

    private String headerText() {
        Object title = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('vaadin-dialog')].filter(d => d.opened).map(d => d.headerTitle).join(' ')");
        return title == null ? "" : title.toString();
    }

    private void comboSelect(String css, String typed, String item) {
        var input = waitFor(css + " input");
        input.click();
        input.sendKeys(typed);
        var option = waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[self::vaadin-combo-box-item or self::vaadin-multi-select-combo-box-item]"
                        + (item == null ? "" : "[normalize-space(.)='" + item + "']"))));
        option.click();
        input.sendKeys(Keys.TAB);
    }

    private String accountable(Project project, String code) {
        return jdbc.sql("""
                        select u.display_name from raci_assignment a
                          join project_control pc on pc.id = a.project_control_id join control c on c.id = pc.control_id
                          join app_user u on u.id = a.user_id
                         where pc.project_id = :p and c.code = :code and a.role = 'A'""")
                .param("p", project.id().value()).param("code", code).query(String.class).optional().orElse(null);
    }
}
