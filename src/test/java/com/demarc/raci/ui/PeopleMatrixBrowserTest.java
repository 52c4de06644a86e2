package com.demarc.raci.ui;

import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectService;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's RACI matrix as a person uses it: controls down, people across; a click and the keyboard set letters
 * through the RACI service, the one-Accountable rule follows in words, a stale row names who changed it, and the
 * auditor's matrix does not change.
 */
class PeopleMatrixBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    UserDirectory users;
    @Autowired
    RaciService raci;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    long projectId;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService userDetails;

    @Test
    void aManagerSetsLettersByClickAndKeyboardAndTheAuditorOnlyReads() throws Exception {
        Project project = fixtures.project("Payments", "People matrix", "EC2", "S3");
        projectId = project.id().value();
        var alice = users.findForLogin("alice").orElseThrow().id().value();
        var morgan = users.findForLogin("manager").orElseThrow().id().value();
        String code = "SRM-IAM-02";
        loginAndWait("manager", PASSWORD);
        driver.get(url("projects/" + project.id().value()));
        clickWhenReady(By.cssSelector("#people-matrix-link"));
        waitFor("#people-matrix-title");
        assertThat(driver.findElements(By.cssSelector("#people-matrix vaadin-grid-cell-content")).stream()
                .anyMatch(e -> e.getText().equals("Alice Anders"))).as("people across").isTrue();
        filter(code);
        assertThat(waitFor("#people-matrix-help").getText()).startsWith("Click a cell");
        assertThat(ruleText(code)).isEqualTo("No Accountable · No Responsible");

        // a click gives the first letter of the cycle, R: on screen, in the rule column and in the database
        click(shown(cell(code, "u" + alice)));
        shows(code, "u" + alice, "R");
        waitUp().until(d -> ruleText(code).equals("No Accountable"));
        assertThat(letter(code, alice)).isEqualTo("R");

        // the keyboard on the focused cell: A makes Alice Accountable (the row's new version is used, no conflict)
        keys("a");
        shows(code, "u" + alice, "A");
        waitUp().until(d -> ruleText(code).equals("No Responsible"));
        assertThat(letter(code, alice)).isEqualTo("A");

        // Morgan gets R by a click, then A by the keyboard: the Accountable moves, Alice's cell loses its A
        click(shown(cell(code, "u" + morgan)));
        shows(code, "u" + morgan, "R");
        waitUp().until(d -> ruleText(code).equals("Owned"));
        keys("a");
        shows(code, "u" + morgan, "A");
        shows(code, "u" + alice, "");
        waitUp().until(d -> ruleText(code).equals("No Responsible"));
        assertThat(letter(code, alice)).isNull();
        assertThat(count(code, "A")).isEqualTo(1);

        // Delete clears the focused cell
        keys(Keys.DELETE);
        shows(code, "u" + morgan, "");
        waitUp().until(d -> ruleText(code).equals("No Accountable · No Responsible"));
        assertThat(count(code, "A")).isZero();

        // Alice changes the same control meanwhile: the click on the stale row is refused, names her, shows her change
        var row = fixtures.row(project, code);
        Actors.runAs((com.demarc.shared.DemarcUser) userDetails.loadUserByUsername("alice"), () -> raci.setRaci(row.id(),
                row.version(), List.of(new RaciEntry(RaciRole.A, Assignee.person(users.findForLogin("alice").orElseThrow().id(),
                        "Alice Anders")), new RaciEntry(RaciRole.R, Assignee.team(project.teamId(), "Payments")))));
        click(shown(cell(code, "u" + morgan)));
        waitUp().until(d -> notices().contains("was changed by alice"));
        shows(code, "u" + alice, "A");
        shows(code, "t" + project.teamId().value(), "R");
        shows(code, "u" + morgan, "");
        waitUp().until(d -> ruleText(code).equals("Owned"));
        assertThat(letter(code, morgan)).isNull();
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Exception");

        // the README's picture: the matrix of a demo project
        long demo = jdbc.sql("select id from project where name = 'Checkout API' order by id limit 1").query(Long.class).single();
        driver.get(url("matrix/people?project=" + demo));
        waitFor("#people-matrix-title");
        waitUp().until(d -> d.findElements(By.cssSelector("#people-matrix span.raci-letter[data-letter='A']")).stream()
                .anyMatch(org.openqa.selenium.WebElement::isDisplayed));
        readmeScreenshot("raci-matrix.png", 1400, 900);

        // the auditor sees the same matrix read-only: a click and a key change nothing
        driver.manage().deleteAllCookies();
        loginAndWait("auditor", PASSWORD);
        driver.get(url("matrix/people?project=" + projectId));
        assertThat(waitFor("#people-matrix-help").getText()).startsWith("Read-only");
        filter(code);
        click(shown(cell(code, "u" + morgan)));
        keys("r");
        Thread.sleep(1500); // nothing is expected to happen: give a wrong round trip the time to show
        shows(code, "u" + morgan, "");
        shows(code, "u" + alice, "A");
        assertThat(letter(code, morgan)).isNull();
        assertThat(letter(code, alice)).isEqualTo("A");
    }

    private static String cell(String code, String who) {
        return "#people-matrix span.raci-letter[data-code='" + code + "'][data-who='" + who + "']";
    }

    /** Waits until the displayed cell shows this letter ("" for none). */
    private void shows(String code, String who, String letter) {
        try {
            waitUp().until(d -> d.findElements(By.cssSelector(cell(code, who))).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed).anyMatch(e -> e.getText().strip().equals(letter)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("cell " + who + " on " + code + " does not show '" + letter + "'; notifications: "
                    + notices(), e);
        }
    }

    private void keys(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    private String notices() {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.innerText).join(' | ')"));
    }

    private void filter(String text) {
        var input = waitFor("#people-matrix-filter input");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
        // the grid keeps rows it no longer shows in its pool, hidden: only the displayed ones count
        waitUp().until(d -> {
            var shown = d.findElements(By.cssSelector("#people-matrix span.raci-rule")).stream()
                    .filter(org.openqa.selenium.WebElement::isDisplayed).toList();
            return !shown.isEmpty() && shown.stream().allMatch(e -> e.getDomAttribute("data-code").startsWith(text));
        });
    }

    private org.openqa.selenium.WebElement shown(String css) {
        return waitUp().until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed).findFirst().orElse(null));
    }

    private String ruleText(String code) {
        return driver.findElements(By.cssSelector("#people-matrix span.raci-rule[data-code='" + code + "']")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed).map(e -> e.getText().strip()).findFirst().orElse("");
    }

    private String letter(String code, long user) {
        return jdbc.sql("""
                        select a.role from raci_assignment a join project_control pc on pc.id = a.project_control_id
                          join control c on c.id = pc.control_id
                         where c.code = :code and a.user_id = :u and pc.project_id = :p""")
                .param("code", code).param("u", user).param("p", projectId).query(String.class).optional().orElse(null);
    }

    private int count(String code, String role) {
        return jdbc.sql("""
                        select count(*) from raci_assignment a join project_control pc on pc.id = a.project_control_id
                          join control c on c.id = pc.control_id
                         where c.code = :code and a.role = :r and pc.project_id = :p""")
                .param("code", code).param("r", role).param("p", projectId).query(Integer.class).single();
    }
}
