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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: a manager uploads AWS Config's resource counts for a project that records EC2 and S3, reads the
 * proposal (add Lambda, remove EC2, an unknown resource type listed) and which controls change owner, accepts it,
 * and the project page lists the new services.
 */
class ServiceProposalBrowserTest extends BrowserTest {
    @Autowired
    ResultFiles files;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aManagerAcceptsTheServicesAwsConfigCounted() throws Exception {
        var project = files.project("Payments", "Config upload", ResultFiles.randomAccount());
        Path counts = Files.createTempDirectory("counts").resolve("resource-counts.json");
        Files.writeString(counts, """
                {"totalDiscoveredResources": 19, "resourceCounts": [
                  {"resourceType": "AWS::S3::Bucket", "count": 6},
                  {"resourceType": "AWS::Lambda::Function", "count": 11},
                  {"resourceType": "AWS::Quantum::Entangler", "count": 2}]}""");

        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("projects/" + project.id().value()));
        clickWhenReady(By.cssSelector("#check-results-link"));
        WebElement upload = waitFor("#resource-counts-upload");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(counts.toAbsolutePath().toString());

        waitUp().until(d -> !d.findElements(By.id("proposal-summary")).isEmpty());
        assertThat(waitFor("#proposal-summary").getText()).contains("19 resources counted", "1 service(s) to add", "1 to remove");
        assertThat(waitFor("#proposal-add").getText()).contains("AWS Lambda (11 resources: AWS::Lambda::Function)");
        assertThat(waitFor("#proposal-remove").getText()).contains("Amazon EC2");
        assertThat(waitFor("#proposal-keep").getText()).contains("Amazon S3");
        assertThat(waitFor("#proposal-unknown").getText()).contains("AWS::Quantum::Entangler (2)");
        String preview = waitFor("#proposal-owner-preview").getText();
        assertThat(preview).contains("Accepting changes the owner of", "→");
        assertThat(codes(project.id().value())).as("nothing changed before accepting").containsExactlyInAnyOrder("EC2", "S3");

        clickWhenReady(By.cssSelector("#accept-services"));
        waitUp().until(d -> codes(project.id().value()).contains("LAMBDA"));
        assertThat(codes(project.id().value())).containsExactlyInAnyOrder("S3", "LAMBDA");
        driver.get(url("projects/" + project.id().value()));
        waitUp().until(d -> d.findElement(By.tagName("body")).getText().contains("AWS services: "));
        String page = driver.findElement(By.tagName("body")).getText();
        assertThat(page).contains("AWS Lambda").contains("Amazon S3").doesNotContain("Amazon EC2,");
    }

    private java.util.List<String> codes(long project) {
        return jdbc.sql("""
                        select s.code from project_service ps join aws_service s on s.id = ps.service_id
                         where ps.project_id = :p""").param("p", project).query(String.class).list();
    }
}
