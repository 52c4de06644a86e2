package com.demarc.security.ui;

import com.demarc.organization.UserDirectory;
import com.demarc.security.SessionControl;
import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: a session ended by an administrator (or of a disabled account) answered the next click with "Invalid JSON
 * response from server: &lt;!doctype html&gt;…" (Spring Security redirected Vaadin's request to the login page). The
 * next click now lands on the sign-in page.
 */
class EndedSessionBrowserTest extends BrowserTest {
    @Autowired
    SessionControl sessions;
    @Autowired
    UserDirectory users;

    @Test
    void theNextClickAfterTheSessionIsEndedOpensTheSignInPage() {
        loginAndWait("bob", "demarc-demo-2026");
        var bob = users.findForLogin("bob").orElseThrow();
        assertThat(sessions.endSessions(bob.id().value())).isPositive();

        // a click inside the app: the side navigation is client-side routing, i.e. one of Vaadin's own requests
        // (the navigation may re-render meanwhile: look the item up again when it went stale; a page that already
        // went to the sign-in page by itself is the answer this test wants too)
        for (int attempt = 1; attempt <= 20 && !driver.getCurrentUrl().contains("/login"); attempt++) {
            try {
                var item = driver.findElements(By.cssSelector("#main-nav > vaadin-side-nav-item")).stream()
                        .filter(e -> !driver.getCurrentUrl().endsWith(e.getDomAttribute("path") == null ? "" : e.getDomAttribute("path")))
                        .reduce((a, b) -> b);
                if (item.isPresent()) {
                    item.get().click(); // not BrowserTest.click: its wait would spend 30 s on an item gone stale
                    break;
                }
            } catch (org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.ElementNotInteractableException retry) { // intercepted clicks included
                // the navigation re-rendered (or the page moved on): looked up again below
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        waitUp().until(ExpectedConditions.urlContains("/login"));
        waitUp().until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-text-field[name=username] input")));
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("Invalid JSON");
    }
}
