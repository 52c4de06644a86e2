package com.demarc.evidence.ui;

import com.demarc.project.ProjectControl;
import com.demarc.raci.RaciService;
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
 * Issue 19: a validity date the picker cannot read used to be dropped silently and the file stored without validity.
 * Now the field says how to type it, the file is refused and nothing is stored.
 */
class UploadDateBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    RaciService raci;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnreadableValidityDateRefusesTheUploadWithAFieldMessage() throws Exception {
        ProjectControl row = fixtures.aliceAccountable("Upload date");
        var file = Files.createTempDirectory("evidence").resolve("access-review.pdf");
        Files.write(file, TestFiles.pdf("Access review, signed"));

        loginAndWait("alice", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        var until = waitFor("#upload-valid-until input");
        until.sendKeys("end of next year");
        until.sendKeys(Keys.TAB);
        // what the server sees: it marked the field invalid with the words saying how to type a date
        waitUp().until(d -> d.findElement(By.id("upload-valid-until")).getDomAttribute("invalid") != null);
        assertThat(deepText("#upload-valid-until [slot=error-message]")).contains("YYYY-MM-DD");

        upload(file);
        waitUp().until(d -> deepText("vaadin-notification-card").contains("could not be read"));
        assertThat(items(row)).as("nothing stored").isZero();

    }

    private void upload(java.nio.file.Path file) {
        var upload = waitFor("#evidence-upload");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
    }

    private int items(ProjectControl row) {
        return jdbc.sql("select count(*) from evidence_item where project_control_id = :id").param("id", row.id().value())
                .query(Integer.class).single();
    }
}
