package com.demarc.shared.ui;

import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: an address that is no page of Demarc gave a signed-in user Chromium's bare "HTTP ERROR 403" (Spring
 * Security's catch-all deny ran before Vaadin). Now it is the not-found page inside the layout; anonymous visitors
 * still go to the login page.
 */
class UnknownAddressBrowserTest extends BrowserTest {

    @Test
    void aSignedInUserSeesNotFoundInTheLayoutAndAnAnonymousOneTheLoginPage() {
        driver.get(url("nonexistent-page"));
        waitUp().until(ExpectedConditions.urlContains("/login"));

        loginAndWait("manager", "demarc-demo-2026");
        for (String address : new String[] {"nonexistent-page", "catalog/control/XYZ", "evidence/abc", "some/deep/path"}) {
            driver.get(url(address));
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found")));
            String text = driver.findElement(By.tagName("body")).getText();
            assertThat(text).as(address).contains("There is no such page").doesNotContain("HTTP ERROR")
                    .doesNotContain("403");
            assertThat(driver.findElements(By.cssSelector("vaadin-side-nav-item"))).as(address + ": in the layout")
                    .isNotEmpty();
        }
    }
}
