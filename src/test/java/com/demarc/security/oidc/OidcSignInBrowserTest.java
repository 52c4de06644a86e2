package com.demarc.security.oidc;

import com.demarc.organization.UserDirectory;
import com.demarc.shared.Role;
import com.demarc.support.BrowserTest;
import testidp.TestOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Company sign-in end to end in Chromium against a real OpenID Connect provider (Spring Authorization Server on a
 * random port, its own login page, users whose groups claim the test sets): the app is configured only by the
 * standard {@code spring.security.oauth2.client.*} properties. A third registration points at a port nobody
 * listens on: the login page says it is unreachable and local sign-in still works.
 */
class OidcSignInBrowserTest extends BrowserTest {
    static final TestOidcProvider idp = TestOidcProvider.start();

    @DynamicPropertySource
    static void registrations(DynamicPropertyRegistry registry) {
        String base = "spring.security.oauth2.client.";
        registry.add(base + "registration.corp.client-id", () -> TestOidcProvider.CLIENT_ID);
        registry.add(base + "registration.corp.client-secret", () -> TestOidcProvider.CLIENT_SECRET);
        registry.add(base + "registration.corp.client-name", () -> "Corp IdP");
        registry.add(base + "registration.corp.scope", () -> "openid,profile,email");
        registry.add(base + "provider.corp.issuer-uri", idp::issuer);
        registry.add(base + "registration.down.client-id", () -> "demarc");
        registry.add(base + "registration.down.client-name", () -> "Old IdP");
        registry.add(base + "registration.down.scope", () -> "openid");
        registry.add(base + "provider.down.issuer-uri", () -> "http://127.0.0.1:" + closedPort());
    }

    @Autowired
    UserDirectory directory;
    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopProvider() {
        idp.close();
    }

    @BeforeEach
    void pointTheClientAtThisApp() {
        idp.redirectTo("http://localhost:" + port + "/login/oauth2/code/corp");
    }

    @Test
    void aPersonSignsInAtTheProviderLandsOnMyResponsibilitiesAndASecondSignInAfterAGroupChangeShowsTheNewRights() {
        idp.user("dana.sso", "dana.sso@example.com", "demarc-members", "team:Payments", "unrelated-group");
        signInAtProvider("dana.sso");
        waitUp().until(ExpectedConditions.titleContains("My responsibilities"));
        assertThat(menuTitles()).contains("My responsibilities", "Projects").doesNotContain("Users", "Evidence review");
        driver.get(url("account"));
        assertThat(waitFor("#home").getText()).contains("Team member").contains("Payments");
        var account = directory.findForLogin("dana.sso").orElseThrow();
        assertThat(account.roles()).containsExactly(Role.MEMBER);
        assertThat(account.passwordHash()).isNull();
        assertThat(jdbc.sql("select source from app_user where username = 'dana.sso'").query(String.class).single()).isEqualTo("SSO");
        assertThat(jdbc.sql("select count(*) from external_identity e join app_user u on u.id = e.user_id where u.username = 'dana.sso' and e.issuer = :iss")
                .param("iss", idp.issuer()).query(Integer.class).single()).isEqualTo(1);

        // sign out (also at the provider: RP-initiated logout), the provider moves dana to the managers and Data Platform
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
        waitUp().until(d -> idp.requests("/connect/logout") > 0);
        assertThat(idp.requests("/connect/logout")).as("RP-initiated logout reached the provider's end_session endpoint")
                .isEqualTo(1);
        waitUp().until(ExpectedConditions.urlContains("/login?logout"));
        idp.groups("dana.sso", "demarc-managers", "team:Data Platform");
        // the provider's own session may outlive the sign-out (RP-initiated logout is not asserted here): end it, as
        // the next working day would, so that dana signs in at the provider's page again
        driver.get(idp.issuer() + "/.well-known/openid-configuration");
        driver.manage().deleteAllCookies();
        signInAtProvider("dana.sso");
        waitUp().until(ExpectedConditions.titleContains("My responsibilities"));
        assertThat(menuTitles()).contains("Evidence review");
        driver.get(url("account"));
        assertThat(waitFor("#home").getText()).contains("Compliance manager").contains("Data Platform").doesNotContain("Payments");
        assertThat(directory.findForLogin("dana.sso").orElseThrow().roles()).containsExactly(Role.MANAGER);
        assertThat(jdbc.sql("select summary from audit_log where action = 'SSO_ACCESS_CHANGED' and entity_id = 'dana.sso' order by seq desc limit 1")
                .query(String.class).single())
                .contains("gained MANAGER", "lost MEMBER", "joined team Data Platform", "left team Payments", "Corp IdP");
    }

    @Test
    void aPersonWithNoMappedGroupIsRefusedWithAMessageAndTheRefusalIsAudited() {
        idp.user("erin.sso", "erin.sso@example.com", "wiki-editors");
        signInAtProvider("erin.sso");
        waitUp().until(ExpectedConditions.urlContains("/login?sso-error"));
        assertThat(waitFor("#login-notice").getText()).contains("has no access to Demarc").contains("Ask your administrator");
        assertThat(directory.findForLogin("erin.sso")).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'SSO_SIGN_IN_REFUSED' and summary like '%erin.sso%'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aLocalAccountWithTheSameEmailIsNeverMerged() {
        String aliceEmail = jdbc.sql("select email from app_user where username = 'alice'").query(String.class).single();
        idp.user("alice.at.idp", aliceEmail, "demarc-admins");
        signInAtProvider("alice.at.idp");
        waitUp().until(ExpectedConditions.urlContains("/login?sso-error"));
        assertThat(waitFor("#login-notice").getText()).contains("already exists").contains("Ask an administrator");
        assertThat(directory.findForLogin("alice").orElseThrow().roles()).doesNotContain(Role.ADMIN);
        assertThat(directory.findForLogin("alice.at.idp")).isEmpty();
    }

    @Test
    void aForgedStateIsRefusedAndTheUnreachableProviderLeavesLocalSignInWorking() {
        driver.get(url("login/oauth2/code/corp?code=forged-code&state=forged-state"));
        waitUp().until(ExpectedConditions.urlContains("/login?sso-error"));
        assertThat(waitFor("#login-notice").getText()).contains("Company sign-in did not complete");
        assertThat(waitFor("#sso-unreachable").getText()).contains("Old IdP is unreachable");
        assertThat(driver.findElements(By.cssSelector("a.sso-button")).stream().map(e -> e.getText().strip()))
                .containsExactly("Sign in with Corp IdP");
        loginAndWait("alice", "demarc-demo-2026");
        assertThat(menuTitles()).contains("My responsibilities");
    }

    @Test
    void anIdTokenWithAWrongIssuerOrAudienceIsRefused() {
        idp.user("frank.sso", "frank.sso@example.com", "demarc-members");
        try {
            for (String claim : java.util.List.of("iss", "aud")) {
                idp.issueWrong(claim);
                driver.get(idp.issuer() + "/.well-known/openid-configuration");
                driver.manage().deleteAllCookies();
                signInAtProvider("frank.sso");
                waitUp().until(ExpectedConditions.urlContains("/login?sso-error"));
                assertThat(waitFor("#login-notice").getText()).as("wrong " + claim)
                        .contains("Company sign-in did not complete (invalid_id_token)");
            }
        } finally {
            idp.issueWrong(null);
        }
        assertThat(directory.findForLogin("frank.sso")).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'LOGIN_FAILED' and summary like 'Company sign-in failed (invalid_id_token)%'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    private void signInAtProvider(String username) {
        driver.get(url("login"));
        waitUp().until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.sso-button[data-registration=corp]"))).click();
        // the provider's own login page (Spring Security's generated form) on 127.0.0.1
        try {
            waitUp().until(d -> !d.findElements(By.id("username")).isEmpty() || d.getCurrentUrl().contains("sso-error")
                    || d.getTitle().contains("My responsibilities"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waiting for the provider's login page, at " + driver.getCurrentUrl() + " titled "
                    + driver.getTitle() + ": " + driver.findElement(By.tagName("body")).getText(), e);
        }
        assertThat(driver.findElements(By.id("username"))).as("the provider's login page, but at " + driver.getCurrentUrl()
                + " titled " + driver.getTitle()).isNotEmpty();
        var user = waitUp().until(ExpectedConditions.elementToBeClickable(By.id("username")));
        assertThat(driver.getCurrentUrl()).startsWith(idp.issuer());
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestOidcProvider.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
