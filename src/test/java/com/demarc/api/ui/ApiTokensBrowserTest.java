package com.demarc.api.ui;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 in Chromium: a person's API token page (create, the secret shown once, listed with expiry and last use,
 * revoke; nobody else sees it), and Swagger UI rendering under the app's Content-Security-Policy.
 */
class ApiTokensBrowserTest extends BrowserTest {
    static final String PASSWORD = "river stone lantern 42";

    @Autowired
    OrganizationService organization;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTokenIsShownOnceListedWithExpiryAndLastUseAndRevokedAndNobodyElseSeesIt() throws Exception {
        String person = newMember();
        String tokenName = "nightly upload " + UUID.randomUUID().toString().substring(0, 6);
        loginAndWait(person, PASSWORD);
        driver.get(url("account/api-tokens"));
        waitFor("#api-token-name input").sendKeys(tokenName);
        clickWhenReady(By.id("api-token-create"));

        // the secret, once, with what to do with it
        String secret = waitUp().until(d -> {
            Object value = ((JavascriptExecutor) d).executeScript(
                    "const f = document.querySelector('#api-token-secret'); return f && f.value ? f.value : null;");
            return (String) value;
        });
        assertThat(secret).hasSizeGreaterThan(20);
        String dialog = waitUp().until(d -> d.findElements(By.xpath("//p[contains(., 'Copy it now')]")).stream()
                .map(WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse(null));
        assertThat(dialog).contains("Copy it now").contains("cannot show it again");
        var expiry = Pattern.compile("expires on (\\d{4}-\\d{2}-\\d{2})").matcher(dialog);
        assertThat(expiry.find()).as(dialog).isTrue();
        LocalDate expiresOn = LocalDate.parse(expiry.group(1));
        clickWhenReady(By.id("api-token-done"));

        // listed: name, expiry, never used, a Revoke button
        waitUp().until(d -> cells().contains(tokenName));
        assertThat(cells()).contains("never")
                .anyMatch(c -> c.startsWith(expiresOn.toString()) || c.startsWith(expiresOn.plusDays(1) + " 00:00"));

        // a script uses it: the page then shows when
        assertThat(api(secret)).isEqualTo(200);
        driver.navigate().refresh();
        waitUp().until(d -> cells().contains(tokenName));
        assertThat(cells()).as("last use after the call").doesNotContain("never")
                .anyMatch(c -> c.startsWith(LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        assertThat(driver.getPageSource()).as("never shown again").doesNotContain(secret);
        assertThat(driver.findElements(By.id("api-token-secret"))).isEmpty();

        // another person (the auditor) sees only their own tokens on the same page
        driver.manage().deleteAllCookies();
        loginAndWait("auditor", "demarc-demo-2026");
        driver.get(url("account/api-tokens"));
        waitFor("#api-tokens-grid");
        assertThat(driver.getPageSource()).doesNotContain(tokenName);

        // revoke: listed as revoked, the next call is refused
        driver.manage().deleteAllCookies();
        loginAndWait(person, PASSWORD);
        driver.get(url("account/api-tokens"));
        waitUp().until(d -> cells().contains(tokenName));
        click(revokeButton());
        // revoking asks first (issue 19): confirm in the dialog
        waitUp().until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript("""
                const b = [...document.querySelectorAll('vaadin-button[slot=confirm-button]')].find(x => x.offsetParent !== null
                    || x.getBoundingClientRect().width > 0);
                if (b) { b.click(); return true; } return false;"""));
        waitUp().until(d -> cells().stream().anyMatch(c -> c.startsWith("revoked")));
        waitUp().until(d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                .anyMatch(c -> c.getText().contains(tokenName) && c.getText().contains("revoked")));
        assertThat(api(secret)).as("a revoked token").isEqualTo(401);
    }

    @Test
    void swaggerUiRendersUnderTheContentSecurityPolicy() throws Exception {
        // every CSP violation of the page, recorded before any of its scripts runs
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__csp = [];
                document.addEventListener('securitypolicyviolation',
                    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""));
        driver.get(url("swagger-ui/index.html"));
        waitUp().until(d -> d.findElements(By.cssSelector(".opblock-summary-path")).size() > 3);
        var paths = driver.findElements(By.cssSelector(".opblock-summary-path")).stream().map(WebElement::getText).toList();
        assertThat(paths).as("the operations list").anyMatch(p -> p.contains("/api/v1/projects"));
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).isNotBlank();
        @SuppressWarnings("unchecked")
        var violations = (List<String>) ((JavascriptExecutor) driver).executeScript("return window.__csp;");
        assertThat(violations).as("Content-Security-Policy violations").isEmpty();
        var severe = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(severe).as("console errors about the Content-Security-Policy").isEmpty();

        // and the page really was served under the app's policy, not a relaxed one
        var page = http.send(HttpRequest.newBuilder(URI.create(url("swagger-ui/index.html"))).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'");
    }

    private String newMember() {
        String name = "tokens-" + UUID.randomUUID().toString().substring(0, 8);
        Actors.runAsSystem(Set.of(Role.ADMIN), () -> organization.createUser(new UserDraft(name, "Toni Kens",
                name + "@example.com", true, Set.of(Role.MEMBER), Set.of()), PASSWORD));
        return name;
    }

    private int api(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("api/v1/projects"))).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private List<String> cells() {
        return driver.findElements(By.cssSelector("#api-tokens-grid vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).map(String::strip).toList();
    }

    private WebElement revokeButton() {
        return waitUp().until(d -> d.findElements(By.cssSelector("#api-tokens-grid vaadin-button")).stream()
                .filter(b -> b.getText().strip().equals("Revoke")).findFirst().orElse(null));
    }
}
