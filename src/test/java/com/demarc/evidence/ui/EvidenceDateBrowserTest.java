package com.demarc.evidence.ui;

import com.demarc.project.ProjectControl;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: an ISO date typed in a date field turned red, and the upload went ahead without validity and without a
 * word. ISO dates are accepted now; a date that cannot be read is a field error and the upload is refused.
 */
class EvidenceDateBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anIsoDateIsTakenAndAnUnreadableOneStopsTheUpload() throws Exception {
        ProjectControl row = fixtures.row(fixtures.project("Payments", "Dates", "EC2"), "SRM-IAM-02");
        loginAndWait("alice", "demarc-demo-2026");
        driver.get(url("evidence/" + row.id().value()));

        var until = waitFor("#upload-valid-until input");
        until.sendKeys("2027-06-30", Keys.TAB);
        waitUp().until(d -> "2027-06-30".equals(until.getDomProperty("value")));
        assertThat(waitFor("#upload-valid-until").getDomAttribute("invalid")).isNull();

        var from = waitFor("#upload-valid-from input");
        from.sendKeys("the 31st of never", Keys.TAB);
        waitUp().until(d -> waitFor("#upload-valid-from").getDomAttribute("invalid") != null);
        assertThat(waitFor("#upload-valid-from").getText()).contains("YYYY-MM-DD");

        var file = Files.createTempDirectory("evidence").resolve("dated.pdf");
        Files.write(file, TestFiles.pdf("Dated evidence"));
        waitFor("#evidence-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        waitUp().until(d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .anyMatch(e -> e.getText().contains("could not be read as a date")));
        assertThat(evidenceCount(row)).isZero();

        // fixed: the same file goes in, with both dates
        from.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2026-01-15", Keys.TAB);
        waitUp().until(d -> waitFor("#upload-valid-from").getDomAttribute("invalid") == null);
        waitFor("#evidence-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        waitUp().until(d -> evidenceCount(row) == 1);
        assertThat(jdbc.sql("""
                        select valid_from || '/' || valid_until from evidence_item where project_control_id = :c""").param("c", row.id().value()).query(String.class).single())
                .isEqualTo("2026-01-15/2027-06-30");
    }

    private int evidenceCount(ProjectControl row) {
        return jdbc.sql("select count(*) from evidence_item where project_control_id = :c")
                .param("c", row.id().value()).query(Integer.class).single();
    }
}
