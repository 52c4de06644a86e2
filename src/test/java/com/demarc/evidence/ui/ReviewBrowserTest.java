package com.demarc.evidence.ui;

import com.demarc.project.ProjectControl;
import com.demarc.raci.RaciService;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviewing in Chromium (issue 19): alice uploads a PNG, a TXT and a PDF; the manager previews each beside
 * Accept/Reject (image, escaped text, framed PDF served inline with a policy that allows only Demarc to frame it),
 * cannot reject without a comment (said on the field), rejects the text with one and moves on to the next item; alice
 * finds the rejection with the comment on her start page.
 */
class ReviewBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";
    static final String TEXT = "Access review <script>alert('x')</script> & done";

    @Autowired
    Fixtures fixtures;
    @Autowired
    RaciService raci;

    @Test
    void managerPreviewsDecidesWithACommentAndAliceSeesTheRejection() throws Exception {
        ProjectControl row = fixtures.aliceAccountable("Review preview");
        Path dir = Files.createTempDirectory("review");
        Path png = Files.write(dir.resolve("console-screenshot.png"), realPng());
        Path txt = Files.writeString(dir.resolve("access-review-notes.txt"), TEXT);
        Path pdf = Files.write(dir.resolve("signed-policy.pdf"), TestFiles.pdf("Signed policy"));

        loginAndWait("alice", PASSWORD);
        driver.get(url("evidence/" + row.id().value()));
        waitFor("#evidence-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"))
                .sendKeys(png.toAbsolutePath() + "\n" + txt.toAbsolutePath() + "\n" + pdf.toAbsolutePath());
        waitUp().until(d -> d.findElements(By.cssSelector("#evidence-items .sha256")).size() == 3);
        logout();

        loginAndWait("manager", PASSWORD);
        driver.get(url("review"));
        waitFor("#review-panel");
        // a decision-free first look: the newest item is open beside the queue with Accept and Reject
        assertThat(waitFor("#review-accept").isDisplayed()).isTrue();

        // the PNG as an image, loaded from the preview address
        openRow("console-screenshot.png");
        waitUp().until(d -> Boolean.TRUE.equals(js("const i = document.querySelector('#review-preview img');"
                + " return !!i && i.complete && i.naturalWidth === 120;")));

        // the PDF in a frame: served inline, framable by Demarc only, while every other page stays unframable
        openRow("signed-policy.pdf");
        var frame = waitFor("#review-preview iframe");
        var preview = get(frame.getDomAttribute("src"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).isEqualTo(Files.readAllBytes(pdf));
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(preview.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");
        assertThat(preview.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'self'", "default-src 'none'");
        assertThat(preview.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        var page = get("review");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        // the TXT as text: its markup is shown, not run
        openRow("access-review-notes.txt");
        waitUp().until(d -> d.findElements(By.cssSelector("#review-preview pre")).stream().anyMatch(p -> p.getText().equals(TEXT)));
        assertThat(driver.findElements(By.cssSelector("#review-preview script"))).isEmpty();

        // reject without a comment: the field says what to do, nothing is decided
        clickWhenReady(By.id("review-reject"));
        waitUp().until(d -> d.findElement(By.id("review-comment")).getDomAttribute("invalid") != null);
        assertThat(deepText("#review-comment [slot=error-message]")).contains("Say why the evidence is rejected");
        assertThat(rowsText()).contains("access-review-notes.txt");

        // with a comment: rejected, and the next item opens
        var comment = waitFor("#review-comment textarea");
        comment.sendKeys("Unsigned: upload the signed review.");
        clickWhenReady(By.id("review-reject"));
        waitUp().until(d -> !rowsText().contains("access-review-notes.txt"));
        waitUp().until(d -> !d.findElement(By.id("review-title")).getText().contains("access-review-notes.txt"));
        assertThat(waitFor("#review-comment textarea").getDomProperty("value")).isEmpty();

        // accepting the PNG moves on as well
        openRow("console-screenshot.png");
        clickWhenReady(By.id("review-accept"));
        waitUp().until(d -> !rowsText().contains("console-screenshot.png"));
        logout();

        // alice's start page: the rejection with the reviewer's comment, linking to the control
        loginAndWait("alice", PASSWORD);
        driver.get(url(""));
        var rejected = waitFor("#rejected-evidence").getText();
        assertThat(rejected).contains("SRM-IAM-05", "access-review-notes.txt", "Unsigned: upload the signed review.")
                .doesNotContain("console-screenshot.png");
    }

    /** A PNG a browser can draw (a 120 × 40 picture), not just a valid signature. */
    private static byte[] realPng() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(120, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void openRow(String fileName) {
        WebElement cell = waitUp().until(d -> d.findElements(By.cssSelector("#review-grid vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().strip().equals(fileName)).findFirst().orElse(null));
        click(cell);
        waitUp().until(d -> d.findElement(By.id("review-title")).getText().contains(fileName));
    }

    private String rowsText() {
        return driver.findElements(By.cssSelector("#review-grid vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).collect(Collectors.joining(" | "));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookies)
                .header("Sec-Fetch-Site", "same-origin").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void logout() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }
}
