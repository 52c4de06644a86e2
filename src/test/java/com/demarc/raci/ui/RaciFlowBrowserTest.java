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

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team RACI flow in Chromium: the manager makes alice Accountable (and her team Responsible) for a control of a
 * Payments project; alice finds it in My responsibilities and sets it in progress; the manager sees the new status.
 * (A person holds one letter per control, so alice's team carries R beside her A.)
 */
class RaciFlowBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";
    static final String CODE = "SRM-IAM-06";

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void managerAssignsAliceFindsItAndReportsProgress() {
        Project project = fixtures.project("Payments", "RACI flow", "EC2", "S3");

        loginAndWait("manager", PASSWORD);
        openControl(project);
        comboSelect("vaadin-combo-box#raci-a", "Alice", "Alice Anders");
        comboSelect("vaadin-multi-select-combo-box#raci-r", "Payments", "Payments (team)");
        waitFor("#control-save").click();
        waitUp().until(d -> raciOf(project).contains("A:Alice Anders") && raciOf(project).contains("R:Payments"));

        // alice's list is sorted by due date and grows with every test that assigns her: a due date long past puts
        // this row on the first page, wherever the others are
        jdbc.sql("""
                        update project_control pc set due_date = current_date - 3650 from control c
                         where c.id = pc.control_id and pc.project_id = :p and c.code = :code""")
                .param("p", project.id().value()).param("code", CODE).update();

        logout();
        loginAndWait("alice", PASSWORD);
        waitFor("#mine-ra");
        // issue 15: alice's bell shows the assignment (unread), its dialog names the control and links to it
        waitUp().until(d -> !waitFor("#notification-count").getText().isBlank());
        // a JavaScript click: in development mode Vaadin's Copilot overlay covers the navigation bar's corner
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].click()", waitFor("#notification-bell"));
        waitUp().until(d -> d.findElements(By.cssSelector("vaadin-dialog-overlay, #notification-dialog")).stream()
                .anyMatch(e -> e.getText().contains("You are now Accountable for " + project.name() + " · " + CODE)));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].click()", waitFor("#notification-mark-all"));
        waitUp().until(d -> d.findElements(By.id("notification-count")).stream().noneMatch(WebElement::isDisplayed));
        var cell = waitUp().until(d -> cellWithText("#mine-ra", project.name()).orElse(null));
        click(cell);
        waitFor("#control-status").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space(.)='In progress']"))).click();
        waitFor("#control-save").click();
        waitUp().until(d -> "IN_PROGRESS".equals(statusOf(project)));
        // the second tab's list is built when opened
        click(waitUp().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-tab[starts-with(normalize-space(.), 'Consulted or Informed')]"))));
        waitFor("#mine-ci");

        logout();
        loginAndWait("manager", PASSWORD);
        driver.get(url("projects/" + project.id().value()));
        filterTo(CODE);
        waitUp().until(d -> cellWithText("#raci-grid", "In progress").isPresent());
        assertThat(cellWithText("#raci-grid", "Alice Anders")).isPresent();
        assertThat(cellWithText("#raci-grid", "Payments (team)")).isPresent();
    }

    /**
     * One save is one action (issue 12): a refused edit leaves nothing behind, the dialog stays open with the input,
     * and the refusal is the usual notice (from the session error handler, not a view catch).
     */
    @Test
    void aRefusedEditSavesNothingAndKeepsTheInput() {
        Project project = fixtures.project("Payments", "RACI refused", "EC2");
        loginAndWait("manager", PASSWORD);
        openControl(project);
        waitFor("#control-status").click();
        // the matrix's status filter has the same (hidden) items: click the visible one, the dialog's
        waitUp().until(d -> d.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='Not applicable']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        comboSelect("vaadin-combo-box#raci-a", "Alice", "Alice Anders");
        comboSelect("vaadin-multi-select-combo-box#raci-r", "Payments", "Payments (team)");
        waitFor("#control-save").click();
        // the field says what to correct, on the field (issue 19: no message over the form), and has the cursor
        waitUp().until(d -> {
            var field = d.findElement(By.id("control-justification"));
            return field.getDomAttribute("invalid") != null && String.valueOf(field.getDomProperty("errorMessage"))
                    .contains("a justification is required for Not applicable");
        });
        assertThat(raciOf(project)).isEmpty();
        assertThat(statusOf(project)).isEqualTo("NOT_STARTED");

        // someone else saves the control meanwhile: the service refuses, the dialog and the input stay
        jdbc.sql("""
                update project_control pc set version = pc.version + 1, updated_by = 'alice' from control c
                 where c.id = pc.control_id and pc.project_id = :p and c.code = :code""")
                .param("p", project.id().value()).param("code", CODE).update();
        waitFor("#control-justification textarea").sendKeys("No IAM users in this account");
        waitFor("#control-save").click();
        waitUp().until(d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .anyMatch(e -> e.getText().contains("was changed by alice")));
        assertThat(waitFor("#control-save").isDisplayed()).isTrue();
        assertThat(raciOf(project)).isEmpty();
        assertThat(statusOf(project)).isEqualTo("NOT_STARTED");
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Exception");
    }

    private void openControl(Project project) {
        driver.get(url("projects/" + project.id().value()));
        filterTo(CODE);
        waitUp().until(d -> cellWithText("#raci-grid", CODE).orElse(null)).click();
        waitFor("#control-status");
    }

    private void filterTo(String code) {
        var search = waitFor("vaadin-text-field input[placeholder='Code or title']");
        search.sendKeys(code);
        waitUp().until(d -> driver.findElements(By.cssSelector("#raci-grid vaadin-grid-cell-content")).stream()
                .filter(e -> e.getText().matches("SRM-[A-Z]+-\\d+")).map(WebElement::getText).allMatch(code::equals)
                && cellWithText("#raci-grid", code).isPresent());
    }

    private void comboSelect(String css, String typed, String item) {
        var input = waitFor(css + " input");
        input.click();
        input.sendKeys(typed);
        var option = waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[self::vaadin-combo-box-item or self::vaadin-multi-select-combo-box-item][normalize-space(.)='" + item + "']")));
        option.click();
        input.sendKeys(Keys.TAB);
    }

    private Optional<WebElement> cellWithText(String grid, String text) {
        return driver.findElements(By.cssSelector(grid + " vaadin-grid-cell-content")).stream()
                .filter(e -> e.getText().strip().equals(text) || e.getText().contains(text)).findFirst();
    }

    private void logout() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }

    private String raciOf(Project project) {
        return String.join(",", jdbc.sql("""
                        select a.role || ':' || coalesce(u.display_name, t.name) from raci_assignment a
                          join project_control pc on pc.id = a.project_control_id join control c on c.id = pc.control_id
                          left join app_user u on u.id = a.user_id left join team t on t.id = a.team_id
                         where pc.project_id = :p and c.code = :code""")
                .param("p", project.id().value()).param("code", CODE).query(String.class).list());
    }

    private String statusOf(Project project) {
        return jdbc.sql("""
                        select pc.status from project_control pc join control c on c.id = pc.control_id
                         where pc.project_id = :p and c.code = :code""")
                .param("p", project.id().value()).param("code", CODE).query(String.class).single();
    }
}
