package com.demarc.security.ui;

import com.demarc.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A person signs in with each demo account in Chromium and sees the menu of their role. */
class LoginBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";

    @ParameterizedTest(name = "{0} sees {1}")
    @CsvSource(delimiter = ';', value = {
            "admin;My responsibilities,Users,Teams,Catalog;",
            "manager;My responsibilities,Projects,RACI matrix,Catalog;Users",
            "alice;My responsibilities,Projects,RACI matrix;Users",
            "bob;My responsibilities,Projects;Teams",
            "auditor;My responsibilities,Projects,Catalog;Users"})
    void eachDemoUserSeesTheirMenu(String username, String expected, String hidden) {
        loginAndWait(username, PASSWORD);
        var titles = menuTitles();
        assertThat(titles).containsAll(Arrays.asList(expected.split(",")));
        if (hidden != null) {
            assertThat(titles).doesNotContainAnyElementsOf(Arrays.asList(hidden.split(",")));
        }
        assertThat(waitFor("#welcome").getText()).startsWith("Welcome, ");
    }

    @Test
    void aWrongPasswordIsRefusedWithTheSameMessageAsAnUnknownUser() {
        login("alice", "not-the-password");
        String wrongPassword = deepText("[part~=error-message]");
        assertThat(driver.getCurrentUrl()).contains("login?error");

        login("nobody-here", "not-the-password");
        String unknownUser = deepText("[part~=error-message]");
        assertThat(unknownUser).isEqualTo(wrongPassword).contains("username or password is wrong");
        assertThat(driver.findElements(By.cssSelector("vaadin-side-nav-item"))).isEmpty();
    }

    @Test
    void whenPasswordChecksAreBusyThePageSaysToTryAgainAndTheNextTryWorks() {
        driver.get(url("login?busy")); // where a sign-in lands when no password check could start in time
        assertThat(waitFor("#login-notice").getText()).contains("Too many people are signing in")
                .contains("nothing is wrong with your account").contains("Try again");
        assertThat(driver.findElement(By.cssSelector("vaadin-login-form")).isDisplayed()).isTrue();
        loginAndWait("alice", PASSWORD);
        assertThat(waitFor("#welcome").getText()).startsWith("Welcome, ");
    }

    @Test
    void bobTypingTheAdminUrlSeesAccessDenied() {
        loginAndWait("bob", PASSWORD);
        driver.get(url("admin/users"));
        var denied = waitFor("#access-denied h2");
        assertThat(denied.getText()).isEqualTo("Access denied");
        assertThat(driver.findElements(By.id("users-grid"))).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        loginAndWait("alice", PASSWORD);
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
        driver.get(url(""));
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }
}
