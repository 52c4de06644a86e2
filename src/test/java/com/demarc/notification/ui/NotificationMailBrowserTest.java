package com.demarc.notification.ui;

import com.demarc.notification.internal.OutboxWorker;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.BrowserTest;
import com.demarc.support.Fixtures;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 in Chromium with a real SMTP server: the manager makes alice Responsible → her bell shows it and her
 * mailbox has it, with a working link; alice sets the control Implemented → bob (Informed) is told, in-app and by mail.
 */
class NotificationMailBrowserTest extends BrowserTest {
    static final String PASSWORD = "demarc-demo-2026";
    static final String CODE = "SRM-IAM-06";
    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RaciService raci;
    @Autowired
    UserDirectory users;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    OutboxWorker worker;

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void managerAssignsAliceSheIsToldInTheBellAndByMailHerStatusChangeReachesTheInformed() throws Exception {
        Project project = fixtures.project("Payments", "Mail flow", "EC2");
        var row = fixtures.row(project, CODE);
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername("manager"), () -> raci.setRaci(row.id(), row.version(),
                List.of(new RaciEntry(RaciRole.A, person("manager")), new RaciEntry(RaciRole.I, person("bob")))));

        loginAndWait("manager", PASSWORD);
        openControl(project);
        comboSelect("vaadin-multi-select-combo-box#raci-r", "Alice", "Alice Anders");
        waitFor("#control-save").click();
        waitUp().until(d -> jdbc.sql("""
                        select count(*) from raci_assignment a join app_user u on u.id = a.user_id
                        where a.project_control_id = :id and a.role = 'R' and u.username = 'alice'""")
                .param("id", row.id().value()).query(Integer.class).single() == 1);
        sendAll();
        var toAlice = mails("alice@demarc.example", project);
        assertThat(toAlice).hasSize(1);
        // absolute from demarc.base-url (its default here; the test server's port is random): the same path opens below
        assertThat(GreenMailUtil.getWholeMessage(toAlice.getFirst()))
                .contains("http://localhost:8080/projects/" + project.id().value());
        String link = url("projects/" + project.id().value());

        logout();
        loginAndWait("alice", PASSWORD);
        waitUp().until(d -> !waitFor("#notification-count").getText().isBlank());
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", waitFor("#notification-bell"));
        waitUp().until(d -> d.findElements(By.cssSelector("vaadin-dialog-overlay, #notification-dialog")).stream()
                .anyMatch(e -> e.getText().contains("You are now Responsible for " + project.name() + " · " + CODE)));
        // the mail's link opens the control's project
        driver.get(link);
        filterTo(CODE);
        waitUp().until(d -> cellWithText("#raci-grid", CODE).orElse(null)).click();
        waitFor("#control-status").click();
        // the page's status filter has an "Implemented" item too (hidden): take the one that shows
        waitUp().until(d -> d.findElements(By.xpath("//vaadin-select-item[normalize-space(.)='Implemented']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        waitFor("#control-save").click();
        waitUp().until(d -> "IMPLEMENTED".equals(jdbc.sql("select status from project_control where id = :id")
                .param("id", row.id().value()).query(String.class).single()));

        sendAll();
        var toBob = mails("bob@demarc.example", project);
        assertThat(toBob).hasSize(1);
        assertThat(toBob.getFirst().getSubject()).contains("→ Implemented");
        assertThat(jdbc.sql("""
                        select count(*) from notification n join app_user u on u.id = n.recipient_id
                        where u.username = 'bob' and n.kind = 'STATUS_CHANGED' and n.title like :p""")
                .param("p", "%" + project.name() + "%").query(Integer.class).single()).isEqualTo(1);
    }

    private void sendAll() {
        while (worker.sendDue(Instant.now()) > 0) {
            // until nothing is due
        }
    }

    private List<MimeMessage> mails(String to, Project project) {
        return Arrays.stream(SMTP.getReceivedMessagesForDomain(to)).filter(m -> {
            try {
                return m.getSubject().contains(project.name());
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    private void openControl(Project project) {
        driver.get(url("projects/" + project.id().value()));
        filterTo(CODE);
        waitUp().until(d -> cellWithText("#raci-grid", CODE).orElse(null)).click();
        waitFor("#control-status");
    }

    private void filterTo(String code) {
        var search = waitFor("vaadin-text-field input[placeholder='Code or title']");
        search.sendKeys(code);
        waitUp().until(d -> driver.findElements(By.cssSelector("#raci-grid vaadin-grid-cell-content")).stream()
                .filter(e -> e.getText().matches("SRM-[A-Z]+-\\d+")).map(WebElement::getText).allMatch(code::equals)
                && cellWithText("#raci-grid", code).isPresent());
    }

    private void comboSelect(String css, String typed, String item) {
        var input = waitFor(css + " input");
        input.click();
        input.sendKeys(typed);
        var option = waitUp().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[self::vaadin-combo-box-item or self::vaadin-multi-select-combo-box-item][normalize-space(.)='" + item + "']")));
        option.click();
        input.sendKeys(Keys.TAB);
    }

    private java.util.Optional<WebElement> cellWithText(String grid, String text) {
        return driver.findElements(By.cssSelector(grid + " vaadin-grid-cell-content")).stream()
                .filter(e -> e.getText().strip().equals(text) || e.getText().contains(text)).findFirst();
    }

    private void logout() {
        waitFor("#user-menu vaadin-menu-bar-button").click();
        waitUp().until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        waitUp().until(ExpectedConditions.urlContains("/login"));
    }

    static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
