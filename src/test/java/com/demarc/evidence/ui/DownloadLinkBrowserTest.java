package com.demarc.evidence.ui;

import com.demarc.evidence.EvidenceService;
import org.springframework.security.core.userdetails.UserDetailsService;
import com.demarc.shared.DemarcUser;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: links to files inside the app (an evidence version, an earlier version, the audit package ZIP) were taken
 * by Vaadin's router: "Could not navigate to 'files/…'". Clicked in Chromium, they now download and the page stays.
 */
class DownloadLinkBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    EvidenceService evidence;
    @Autowired
    UserDetailsService accounts;

    @Test
    void evidenceVersionsAndTheAuditPackageDownloadWhereTheyAreClicked() throws Exception {
        Project project = fixtures.project("Payments", "Downloads", "EC2");
        ProjectControl row = fixtures.row(project, "SRM-IAM-02");
        byte[] first = TestFiles.pdf("First version");
        byte[] second = TestFiles.pdf("Second version, revised");
        Actors.runAs((DemarcUser) accounts.loadUserByUsername("alice"), () -> {
            var item = evidence.upload(row.id(), null, "first-version.pdf", new ByteArrayInputStream(first), null, null, null);
            evidence.upload(row.id(), item.id(), "second-version.pdf", new ByteArrayInputStream(second), null, null, null);
        });
        Path downloads = Files.createTempDirectory("demarc-downloads");
        ((ChromeDriver) driver).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));

        loginAndWait("manager", PASSWORD);
        String page = url("evidence/" + row.id().value());
        driver.get(page);
        clickWhenReady(By.cssSelector("#evidence-items a.download-link"));
        assertThat(downloaded(downloads, "second-version.pdf")).isEqualTo(second);
        assertStillOn(page);

        click(waitUp().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-details-summary[starts-with(normalize-space(.), 'Earlier versions')]"))));
        clickWhenReady(By.xpath("//a[normalize-space(.)='download']"));
        assertThat(downloaded(downloads, "first-version.pdf")).isEqualTo(first);
        assertStillOn(page);

        String packages = url("audit-packages");
        driver.get(packages);
        clickWhenReady(By.cssSelector("#package-project"));
        click(waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-select-item[starts-with(normalize-space(.), '" + project.name() + "')]"))));
        waitUp().until(d -> d.findElement(By.id("package-download")).getDomAttribute("href") != null
                && d.findElement(By.id("package-download")).getDomAttribute("href").contains("files/audit-package/"));
        clickWhenReady(By.cssSelector("#package-download"));
        waitUp().until(d -> {
            try (var files = Files.list(downloads)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(".zip"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertStillOn(packages);
    }

    private byte[] downloaded(Path dir, String name) {
        Path file = dir.resolve(name);
        waitUp().until(d -> Files.isRegularFile(file));
        return waitUp().until(d -> {
            try {
                byte[] bytes = Files.readAllBytes(file);
                return bytes.length > 0 ? bytes : null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    private void assertStillOn(String address) {
        assertThat(driver.getCurrentUrl()).isEqualTo(address);
        String text = driver.findElement(By.tagName("body")).getText();
        assertThat(text).doesNotContain("Could not navigate").doesNotContain("Couldn't find route")
                .doesNotContain("There is no such page");
    }
}
