package com.demarc.raci.ui;

import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a template that would leave controls unowned warns with how many and which before it is applied, and a
 * template saved from a Payments project names "the project's team", so it lands as Data Platform on theirs.
 */
class TemplateWarningBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    UserDirectory users;
    @Autowired
    RaciService raci;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTemplateThatLeavesControlsUnownedWarnsAndTravelsToAnotherTeam() {
        Project source = fixtures.project("Payments", "Template source", "EC2");
        Project target = fixtures.project("Data Platform", "Template target", "EC2");
        var manager = users.findForLogin("manager").orElseThrow();
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            for (String code : List.of("SRM-IAM-01", "SRM-IAM-02")) {
                var row = fixtures.row(source, code);
                raci.setRaci(row.id(), row.version(), List.of(
                        new RaciEntry(RaciRole.A, Assignee.person(manager.id(), manager.displayName())),
                        new RaciEntry(RaciRole.R, Assignee.team(source.teamId(), "Payments (team)"))));
            }
        });
        String name = "Baseline " + source.id().value();

        loginAndWait("manager", PASSWORD);
        driver.get(url("projects/" + source.id().value()));
        clickWhenReady(By.cssSelector("#templates"));
        assertThat(waitFor("#template-name").getText()).contains("the project's team");
        waitFor("#template-name input").sendKeys(name);
        clickWhenReady(By.cssSelector("#template-save"));
        waitUp().until(d -> jdbc.sql("select count(*) from raci_template_entry e join raci_template t on t.id = e.template_id "
                + "where t.name = :n and e.project_team").param("n", name).query(Integer.class).single() == 2);

        clickWhenReady(By.cssSelector("#templates"));
        clickWhenReady(By.cssSelector("#template-select"));
        click(waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-select-item[starts-with(normalize-space(.), '" + name + "')]"))));
        var targets = waitFor("#template-targets input");
        targets.click();
        targets.sendKeys("Template target");
        click(waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-multi-select-combo-box-item[starts-with(normalize-space(.), '" + target.name() + "')]"))));
        targets.sendKeys(Keys.ESCAPE);
        clickWhenReady(By.cssSelector("#template-apply"));

        var header = waitUp().until(d -> (String) ((JavascriptExecutor) d).executeScript(
                "const c = document.querySelector('#template-unowned-warning'); return c && c.opened ? c.header : null"));
        int needing = jdbc.sql("select count(*) from project_control where project_id = :p and owner in ('CUSTOMER', 'SHARED')")
                .param("p", target.id().value()).query(Integer.class).single();
        assertThat(header).isEqualTo((needing - 2) + " control(s) would be left unowned");
        assertThat(waitUp().until(d -> d.findElements(By.xpath("//li[contains(., 'No Accountable person')]")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed).findFirst().orElse(null)).getText())
                .contains(target.name()).contains("SRM-");
        assertThat(rByTeam(target)).as("nothing applied before the answer").isZero();

        clickWhenReady(By.xpath("//vaadin-button[normalize-space(.)='Apply anyway']"));
        waitUp().until(d -> rByTeam(target) == 2);
        assertThat(jdbc.sql("""
                        select count(*) from raci_assignment a join project_control pc on pc.id = a.project_control_id
                         where pc.project_id = :p and a.team_id = :t""")
                .param("p", target.id().value()).param("t", source.teamId().value()).query(Integer.class).single())
                .as("no Payments letters on a Data Platform project").isZero();
    }

    private int rByTeam(Project target) {
        return jdbc.sql("""
                        select count(*) from raci_assignment a join project_control pc on pc.id = a.project_control_id
                         where pc.project_id = :p and a.role = 'R' and a.team_id = :t""")
                .param("p", target.id().value()).param("t", target.teamId().value()).query(Integer.class).single();
    }
}
