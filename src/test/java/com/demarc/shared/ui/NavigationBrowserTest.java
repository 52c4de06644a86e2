package com.demarc.shared.ui;

import com.demarc.support.BrowserTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every demo role walks every item of its side navigation in Chromium: no item leads to an exception page, a stack
 * trace or Vaadin's "Internal error" (issue 12: an admin who clicked AWS attestations got an AuthorizationDeniedException
 * page). A page a role cannot use is not offered, and opening it by its address shows Demarc's own page.
 */
class NavigationBrowserTest extends BrowserTest {
    static final List<String> EXCEPTION_MARKS = List.of("There was an exception while trying to navigate",
            "Exception", "Internal error", "at com.demarc.", "at java.base/", "Could not navigate");

    @ParameterizedTest
    @ValueSource(strings = {"admin", "manager", "alice", "bob", "auditor"})
    void everySideNavigationItemOpensWithoutAnExceptionPage(String username) {
        loginAndWait(username, "demarc-demo-2026");
        var paths = driver.findElements(By.cssSelector("#main-nav > vaadin-side-nav-item")).stream()
                .map(e -> e.getDomAttribute("path")).toList();
        assertThat(paths).as("menu of " + username).isNotEmpty();
        for (int i = 0; i < paths.size(); i++) {
            WebElement item = driver.findElements(By.cssSelector("#main-nav > vaadin-side-nav-item")).get(i);
            String title = item.getText().strip();
            click(item);
            String path = paths.get(i);
            waitUp().until(d -> d.getCurrentUrl().replaceAll("[?#].*$", "").endsWith(path.replaceAll("^/", ""))
                    && idle());
            String text = driver.findElement(By.tagName("body")).getText();
            for (String mark : EXCEPTION_MARKS) {
                assertThat(text).as(username + " → " + title + " (" + path + ")").doesNotContain(mark);
            }
            assertThat(driver.findElements(By.id("error-view"))).as(username + " → " + title + ": error page").isEmpty();
            assertThat(driver.findElements(By.id("access-denied"))).as(username + " → " + title + ": access denied").isEmpty();
        }
    }

    @Test
    void anAdminIsNotOfferedAwsAttestationsAndOpeningItByAddressShowsAccessDenied() {
        loginAndWait("admin", "demarc-demo-2026");
        assertThat(menuTitles()).contains("Users", "Audit log").doesNotContain("AWS attestations");

        driver.get(url("attestations"));
        waitUp().until(d -> !d.findElements(By.id("error-view")).isEmpty() && idle());
        String text = driver.findElement(By.tagName("body")).getText();
        assertThat(text).contains("Access denied").contains("Your role or team does not allow this");
        for (String mark : EXCEPTION_MARKS) {
            assertThat(text).doesNotContain(mark);
        }
    }

    @Test
    void aMissingEvidencePageShowsNoException() {
        // (an address that is no route shows NotFoundView in the layout: UnknownAddressBrowserTest)
        loginAndWait("manager", "demarc-demo-2026");
        driver.get(url("evidence/999999999"));
        waitUp().until(d -> idle() && !d.findElements(By.cssSelector("vaadin-side-nav-item")).isEmpty());
        String text = driver.findElement(By.tagName("body")).getText();
        for (String mark : EXCEPTION_MARKS) {
            assertThat(text).doesNotContain(mark);
        }
    }

    private boolean idle() {
        Object result = ((JavascriptExecutor) driver).executeScript("""
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                if (!clients) return false;
                return Object.values(clients).every(c => !c.isActive || !c.isActive());
                """);
        return Boolean.TRUE.equals(result);
    }
}
