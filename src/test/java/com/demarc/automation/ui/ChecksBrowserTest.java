package com.demarc.automation.ui;

import com.demarc.automation.ResultFiles;
import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a manager uploads a Security Hub export for Checkout API and reads the import report; the control
 * SRM-NET-02 shows the failing security group; the dashboard's failing-checks list names it; a later export where
 * the check passes clears it from the list.
 */
class ChecksBrowserTest extends BrowserTest {
    static final String ACCOUNT = "111122223333"; // Checkout API's account in the demo data
    static final String FAILING_SG = "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":security-group/sg-0a1b2c3d4e5f60718";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingCheckShowsOnTheControlAndTheDashboardUntilAPassingExport() throws Exception {
        long project = jdbc.sql("select id from project where name = 'Checkout API'").query(Long.class).single();
        long row = jdbc.sql("""
                        select pc.id from project_control pc join control c on c.id = pc.control_id
                         where pc.project_id = :p and c.code = 'SRM-NET-02'""").param("p", project).query(Long.class).single();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Path dir = Files.createTempDirectory("checks");
        Path failing = dir.resolve("checkout-findings.json");
        Files.write(failing, ResultFiles.render("asff-checkout.json", ACCOUNT, now, now, Map.of("IAM6", "PASSED", "EC219", "FAILED")));
        Path passing = dir.resolve("checkout-findings-fixed.json");
        Files.write(passing, ResultFiles.render("asff-checkout.json", ACCOUNT, now.plusSeconds(5), now.plusSeconds(5),
                Map.of("IAM6", "PASSED", "EC219", "PASSED")));

        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("projects/" + project));
        clickWhenReady(By.cssSelector("#check-results-link"));
        upload(failing);
        waitUp().until(d -> d.findElement(By.id("import-summary")).getText().contains("4 imported"));
        assertThat(waitFor("#import-summary").getText()).contains("8 findings read", "1 archived", "1 suppressed",
                "1 for other accounts (999988887777)");
        assertThat(waitFor("#import-report").getText()).contains("Checkout API: 3 checks, 2 passed, 1 failed");

        driver.get(url("control-checks/" + row));
        assertThat(waitFor("#control-checks-verdict").getText()).startsWith("Failing check");
        waitUp().until(d -> cells().contains(FAILING_SG));
        assertThat(cells()).contains("EC2.19", "1 of 2 failing");

        driver.get(url("dashboard"));
        clickWhenReady(By.cssSelector("#failing-checks-tab"));
        waitUp().until(d -> failingRowsText().contains("Checkout API") && failingRowsText().contains(FAILING_SG));

        driver.get(url("checks/" + project));
        upload(passing);
        waitUp().until(d -> d.findElement(By.id("import-summary")).getText().contains("4 imported"));
        driver.get(url("control-checks/" + row));
        assertThat(waitFor("#control-checks-verdict").getText()).startsWith("All mapped checks passed");
        driver.get(url("dashboard"));
        clickWhenReady(By.cssSelector("#failing-checks-tab"));
        waitFor("#failing-checks");
        assertThat(failingRowsText()).doesNotContain(FAILING_SG);
    }

    private void upload(Path file) {
        WebElement upload = waitFor("#results-upload");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
    }

    private String cells() {
        return String.join(" | ", driver.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).toList());
    }

    private String failingRowsText() {
        return driver.findElements(By.cssSelector("#failing-checks vaadin-grid-cell-content")).isEmpty() ? "" : cells();
    }
}
