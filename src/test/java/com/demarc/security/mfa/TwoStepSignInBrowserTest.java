package com.demarc.security.mfa;

import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserDraft;
import com.demarc.security.MfaService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-step sign-in in Chromium: the password of an account with an authenticator app leads to the code page (nothing
 * else is reachable), a code computed here with the RFC 6238 generator signs in, a wrong one is refused, a recovery
 * code works once; a manager without an app sees the deadline within the grace period and only the enrolment after
 * it; an admin resets a user's second factor on the users page.
 */
class TwoStepSignInBrowserTest extends BrowserTest {
    static final String PASSWORD = "Second-factor-Horse-42!";
    static final String DEMO_PASSWORD = "demarc-demo-2026";

    @Autowired
    MfaService mfa;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    JdbcClient jdbc;

    final DefaultCodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    @Test
    void aCodeFromTheAppSignsInAWrongOneIsRefusedAndARecoveryCodeWorksOnce() {
        var user = newUser(Role.MEMBER);
        var secret = new AtomicReference<String>();
        var recovery = new AtomicReference<List<String>>();
        long step = Instant.now().getEpochSecond() / 30;
        Actors.runAs(user, () -> {
            secret.set(mfa.beginEnrolment().manualKey());
            recovery.set(mfa.confirmEnrolment(codeAt(secret.get(), step - 1)));
        });

        login(user.getUsername(), PASSWORD);
        waitUp().until(ExpectedConditions.urlContains("/login/two-step"));
        waitFor("#mfa-sign-in-code");
        // after the password alone the session is not signed in: a page, and a download, lead to the sign-in page
        driver.get(url("account"));
        waitUp().until(ExpectedConditions.urlMatches(".*/login$"));
        driver.get(url("files/evidence/1"));
        waitUp().until(ExpectedConditions.urlMatches(".*/login$"));
        driver.get(url("login/two-step"));

        String right = codeAt(secret.get(), step);
        enterCode(right.charAt(0) == '9' ? "0" + right.substring(1) : (char) (right.charAt(0) + 1) + right.substring(1));
        waitUp().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.querySelector('#mfa-sign-in-code').invalid")));
        assertThat(driver.findElement(By.id("mfa-sign-in-code")).getDomProperty("errorMessage")).contains("not right");
        enterCode(right);
        waitUp().until(ExpectedConditions.titleContains("My responsibilities"));
        assertThat(menuTitles()).contains("My responsibilities");
        assertThat(jdbc.sql("select last_sign_in_at is not null from app_user where id = :u").param("u", user.id())
                .query(Boolean.class).single()).as("last sign-in recorded").isTrue();

        logout();
        String code = recovery.get().get(2);
        login(user.getUsername(), PASSWORD);
        waitFor("#mfa-sign-in-code");
        enterCode(code);
        waitUp().until(ExpectedConditions.titleContains("My responsibilities"));
        logout();
        login(user.getUsername(), PASSWORD);
        waitFor("#mfa-sign-in-code");
        enterCode(code);
        waitUp().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.querySelector('#mfa-sign-in-code').invalid")));
        assertThat(driver.getCurrentUrl()).as("a used recovery code does not sign in again").contains("/login/two-step");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'MFA_VERIFIED' and entity_id = :u")
                .param("u", user.getUsername()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aManagerWithoutAnAppSeesTheDeadlineWithinGraceAndOnlyTheEnrolmentAfterIt() {
        var manager = newUser(Role.MANAGER);
        loginAndWait(manager.getUsername(), PASSWORD);
        assertThat(waitFor("#mfa-deadline").getText()).startsWith("Set up two-step sign-in by");
        logout();

        // the grace period (7 days by default) is over
        jdbc.sql("update mfa_requirement set required_since = now() - interval '8 days' where user_id = :u")
                .param("u", manager.id()).update();
        login(manager.getUsername(), PASSWORD);
        waitUp().until(ExpectedConditions.urlContains("/login/two-step"));
        assertThat(waitFor("h1").getText()).isEqualTo("Set up two-step sign-in");
        driver.get(url("account"));
        waitUp().until(ExpectedConditions.urlMatches(".*/login$"));
        driver.get(url("login/two-step"));
        String key = waitFor("#mfa-key").getDomProperty("value");
        driver.findElement(By.cssSelector("#mfa-code input")).sendKeys(codeAt(key, Instant.now().getEpochSecond() / 30));
        driver.findElement(By.id("mfa-confirm")).click();
        waitUp().until(d -> d.findElements(By.cssSelector("#mfa-recovery-codes li")).size() == 10);
        driver.findElement(By.id("mfa-done")).click();
        waitUp().until(ExpectedConditions.titleContains("My responsibilities"));
        assertThat(menuTitles()).contains("Evidence review");
        assertThat(driver.findElements(By.id("mfa-deadline"))).isEmpty();
        assertThat(jdbc.sql("select count(*) from mfa_secret where user_id = :u and confirmed_at is not null")
                .param("u", manager.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anAdminResetsAUsersTwoStepSignInOnTheUsersPage() {
        var user = newUser(Role.MEMBER);
        Actors.runAs(user, () -> mfa.confirmEnrolment(codeAt(mfa.beginEnrolment().manualKey(), Instant.now().getEpochSecond() / 30)));
        loginAndWait("admin", DEMO_PASSWORD);
        driver.get(url("admin/users"));
        waitFor("vaadin-text-field[placeholder^=Search] input").sendKeys(user.getUsername());
        String resetButton = "vaadin-button.mfa-reset[data-username='" + user.getUsername() + "']";
        waitUp().until(ExpectedConditions.elementToBeClickable(By.cssSelector(resetButton)));
        assertThat(deepText("#users-grid")).contains("On (10 recovery codes)");
        // the grid may render its rows again after the search: the button is looked up at each try (a detached one
        // takes the click silently), by script since it is far right in a wide grid; every 2 s, so one dialog opens
        waitUp().pollingEvery(java.time.Duration.ofSeconds(2)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("""
                        const dialog = document.getElementById('mfa-reset-confirm');
                        if (dialog && dialog.opened) return true;
                        const b = document.querySelector(arguments[0]);
                        if (b) b.click();
                        return false;""", resetButton)));
        waitUp().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                // the dialog's overlay is fixed-positioned: its buttons have no offsetParent, so ask for a box
                const b = [...document.querySelectorAll('vaadin-button[slot=confirm-button]')]
                    .find(x => x.textContent.trim() === 'Reset' && x.getBoundingClientRect().width > 0);
                if (b) { b.click(); return true; } return false;""")));
        waitUp().until(d -> jdbc.sql("select count(*) from mfa_secret where user_id = :u").param("u", user.id())
                .query(Integer.class).single() == 0);
        // the row says Off and offers no reset (the grid keeps a cell's old content hidden for reuse: only shown ones count)
        waitUp().until(d -> deepText("#users-grid").contains("Off") && Boolean.FALSE.equals(((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll(arguments[0])].some(b => b.getBoundingClientRect().width > 0)", resetButton)));
        assertThat(jdbc.sql("select actor from audit_log where action = 'MFA_RESET' and entity_id = :u")
                .param("u", user.getUsername()).query(String.class).single()).isEqualTo("admin");
    }

    private void enterCode(String code) {
        var field = waitUp().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#mfa-sign-in-code input")));
        field.clear();
        field.sendKeys(code);
        driver.findElement(By.id("mfa-verify")).click();
    }

    private void logout() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }

    private String codeAt(String secret, long step) {
        try {
            return generator.generate(secret, step);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DemarcUser newUser(Role role) {
        String username = "twostep-" + UUID.randomUUID().toString().substring(0, 8);
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername("admin"), () -> organization.createUser(
                new UserDraft(username, "Two Step " + username.substring(8), username + "@example.com", true, Set.of(role), Set.of()),
                PASSWORD));
        return (DemarcUser) userDetails.loadUserByUsername(username);
    }
}
