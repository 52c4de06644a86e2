package com.demarc.evidence.ui;

import com.demarc.organization.UserDirectory;
import com.demarc.project.ProjectControl;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit evidence flow in Chromium: alice uploads a PDF to a control she is accountable for and sees its SHA-256;
 * the manager accepts it; the auditor downloads it byte-identical and has no way to upload or delete.
 */
class EvidenceBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @Autowired
    Fixtures fixtures;
    @Autowired
    RaciService raci;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aliceUploadsManagerAcceptsAuditorDownloadsTheSameBytes() throws Exception {
        ProjectControl row = fixtures.aliceAccountable("Evidence flow");
        byte[] pdf = TestFiles.pdf("Least-privilege review, signed");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        var file = Files.createTempDirectory("evidence").resolve("least-privilege-review.pdf");
        Files.write(file, pdf);

        loginAndWait("alice", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        var upload = waitFor("#evidence-upload");
        var input = upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"));
        input.sendKeys(file.toAbsolutePath().toString());
        waitUp().until(d -> d.findElements(By.cssSelector("#evidence-items .sha256")).stream()
                .anyMatch(e -> e.getText().equals("SHA-256 " + sha)));
        logout();

        loginAndWait("manager", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        clickWhenReady(By.cssSelector("#evidence-items vaadin-button.accept"));
        waitUp().until(d -> d.findElements(By.cssSelector("#evidence-items .review-state")).stream()
                .anyMatch(e -> e.getText().equals("Accepted")));
        logout();

        loginAndWait("auditor", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        waitUp().until(d -> !d.findElements(By.cssSelector("#evidence-items .sha256")).isEmpty());
        assertThat(driver.findElements(By.id("evidence-upload"))).isEmpty();
        assertThat(driver.findElements(By.xpath("//vaadin-button[normalize-space(.)='Delete']"))).isEmpty();
        String href = waitFor("#evidence-items a.download-link").getDomAttribute("href");

        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(href)))
                .header("Cookie", cookies).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("least-privilege-review.pdf");

        // and without a session the file is not served
        var anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(url(href))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).isNotEqualTo(pdf);
    }

    /** Issue 19: long file names ran off the screen; they wrap inside their card. */
    @Test
    void aLongFileNameWrapsInsideItsCard() throws Exception {
        ProjectControl row = fixtures.row(fixtures.project("Payments", "Long names", "EC2"), "SRM-IAM-05");
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> {
            var alice = users.findForLogin("alice").orElseThrow();
            raci.setRaci(row.id(), row.version(), List.of(
                    new RaciEntry(RaciRole.A, Assignee.person(alice.id(), alice.displayName()))));
        });
        var file = Files.createTempDirectory("evidence").resolve("quarterly-access-review-"
                + "production-account-123456789012-".repeat(5) + "signed.txt");
        Files.writeString(file, "access review\n");

        loginAndWait("alice", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        var upload = waitFor("#evidence-upload");
        upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        waitUp().until(d -> !d.findElements(By.cssSelector("#evidence-items .sha256")).isEmpty());
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const el = document.getElementById('evidence-items'); return el.scrollWidth - el.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("pixels the evidence list overflows sideways").isLessThanOrEqualTo(0);
        logout();
    }

    private void logout() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }
}
