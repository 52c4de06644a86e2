package com.demarc.security.ui;

import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** bob opens a Payments project by its URL in Chromium, is refused, and an administrator finds the refusal in the audit log. */
class AccessRefusalBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;

    @Test
    void bobIsRefusedAPaymentsProjectAndTheRefusalIsInTheAuditLog() {
        var project = fixtures.project("Payments", "Confidential", "EC2");
        loginAndWait("bob", "demarc-demo-2026");
        driver.get(url("projects/" + project.id().value()));
        assertThat(waitFor("h2").getText()).isEqualTo("Project not available");
        assertThat(driver.getPageSource()).doesNotContain(project.name());

        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));

        loginAndWait("admin", "demarc-demo-2026");
        driver.get(url("audit-log"));
        var action = waitFor("#audit-action input");
        action.click();
        action.sendKeys("ACCESS_DENIED");
        waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//vaadin-combo-box-item[normalize-space(.)='ACCESS_DENIED']"))).click();
        action.sendKeys(org.openqa.selenium.Keys.TAB);
        String expected = "bob was refused: read project " + project.id().value();
        waitUp().until(d -> d.findElements(By.cssSelector("#audit-grid vaadin-grid-cell-content")).stream()
                .anyMatch(e -> e.getText().equals(expected)));
        clickWhenReady(By.cssSelector("#audit-verify"));
        waitUp().until(d -> waitFor("#audit-chain").getText().startsWith("Audit log intact"));
    }

    @Test
    void everyPageCarriesTheSecurityHeadersEvenTheLoginPage() throws Exception {
        for (String path : new String[]{"login", "actuator/health"}) {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url(path))).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
            assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
            assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        // the login page still works under this policy
        loginAndWait("alice", "demarc-demo-2026");
        assertThat(menuTitles()).contains("My responsibilities");
    }
}
