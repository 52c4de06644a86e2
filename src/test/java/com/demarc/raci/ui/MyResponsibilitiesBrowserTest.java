package com.demarc.raci.ui;

import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, bob's list: letters on another team's project (the pickers used to offer everyone) made the tab say more
 * rows than it showed, ended in blank rows, and opened to "Evidence not available". Now the list holds what bob can
 * open, its tab counts exactly those rows, and the rest is said in words.
 */
class MyResponsibilitiesBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void bobsListShowsEveryRowHeMayOpenOnceAndSaysWhatIsElsewhere() {
        var bob = users.findForLogin("bob").orElseThrow();
        Project inside = fixtures.project("Data Platform", "Bob inside", "EC2");
        Project outside = fixtures.project("Payments", "Bob outside", "EC2");
        for (var p : List.of(inside, outside)) {
            for (String code : List.of("SRM-IAM-01", "SRM-IAM-02", "SRM-IAM-03")) {
                // as the old pickers allowed: bob Accountable on his own team's project and on another team's
                jdbc.sql("insert into raci_assignment (project_control_id, role, user_id) values (:pc, 'A', :u)")
                        .param("pc", fixtures.row(p, code).id().value()).param("u", bob.id().value()).update();
            }
        }
        int visible = jdbc.sql("""
                        select count(distinct pc.id) from raci_assignment a join project_control pc on pc.id = a.project_control_id
                          join project p on p.id = pc.project_id
                         where not p.archived and a.role in ('R', 'A') and p.team_id in (select team_id from team_membership where user_id = :u)
                           and (a.user_id = :u or a.team_id in (select team_id from team_membership where user_id = :u))""")
                .param("u", bob.id().value()).query(Integer.class).single();

        loginAndWait("bob", PASSWORD);
        waitFor("#mine-ra");
        var tab = waitUp().until(d -> d.findElements(org.openqa.selenium.By.cssSelector("vaadin-tab")).stream()
                .filter(t -> t.getText().startsWith("Responsible or Accountable")).findFirst().orElse(null));
        assertThat(tab.getText()).isEqualTo("Responsible or Accountable (" + visible + ")");
        assertThat(waitFor("#mine-elsewhere").getText()).startsWith("3 more control(s)");

        // every row the grid holds has content (no blank rows at the end), and none twice
        var js = (JavascriptExecutor) driver;
        assertThat(((Number) js.executeScript("return document.querySelector('#mine-ra').size")).intValue()).isEqualTo(visible);
        js.executeScript("const g = document.querySelector('#mine-ra'); g.scrollToIndex(g.size - 1)");
        @SuppressWarnings("unchecked")
        List<String> last = waitUp().until(d -> {
            List<String> rows = (List<String>) js.executeScript("""
                    const g = document.querySelector('#mine-ra');
                    return [...g.shadowRoot.querySelectorAll('#items tr')].filter(tr => !tr.hidden && tr.index < g.size)
                      .map(tr => [...tr.querySelectorAll('td slot')].slice(0, 2)
                        .map(s => (s.assignedElements()[0] || {textContent: ''}).textContent.trim()).join(' · '));""");
            return rows != null && !rows.isEmpty() && rows.stream().noneMatch(r -> r.isBlank() || r.equals(" · ")) ? rows : null;
        });
        assertThat(last).doesNotHaveDuplicates();
        assertThat(last).noneMatch(r -> r.startsWith(outside.name()));

        // a row opens, and its evidence page opens too
        var row = fixtures.row(inside, "SRM-IAM-02");
        driver.get(url("evidence/" + row.id().value()));
        waitFor("#evidence-upload");
        assertThat(driver.getPageSource()).doesNotContain("Evidence not available");
    }
}
