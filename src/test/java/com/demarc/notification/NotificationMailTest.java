package com.demarc.notification;

import com.demarc.notification.internal.DigestJob;
import com.demarc.notification.internal.OutboxWorker;
import com.demarc.organization.UserDirectory;
import com.demarc.project.Project;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.raci.Assignee;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciService;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Notification e-mail against a real SMTP server (GreenMail) started by the test: content, preferences, outages, workers. */
@DemarcTest
class NotificationMailTest {
    static final int PORT = freePort();
    static GreenMail smtp = start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("demarc.base-url", () -> "https://demarc.example.test/");
        registry.add("demarc.notifications.retry-first", () -> "1m");
    }

    @Autowired
    RaciService raci;
    @Autowired
    ProjectService projects;
    @Autowired
    UserDirectory users;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    Fixtures fixtures;
    @Autowired
    OutboxWorker worker;
    @Autowired
    DigestJob digests;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    NotificationDeliveries deliveries;
    @Autowired
    NotificationUnsubscribe unsubscribe;
    @Autowired
    org.springframework.web.context.WebApplicationContext web;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    com.demarc.notification.internal.UnsubscribeTokens unsubscribeTokens;
    @Autowired
    com.demarc.api.ApiTokenService apiTokens;
    @Autowired
    com.demarc.organization.OrganizationService organization;
    @Autowired
    com.demarc.automation.AutomationService automation;
    @Autowired
    com.demarc.automation.ResultFiles resultFiles;

    @BeforeEach
    void drain() {
        if (!smtp.isRunning()) {
            smtp = start();
        }
        sendAll(Instant.now().plus(Duration.ofDays(30)));
        smtp.reset();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    @Test
    void theResponsibleGetsOneMailWithAnAbsoluteLinkHtmlAndTextAndTheActorNone() throws Exception {
        var project = fixtures.project("Payments", "Mail R", "EC2");
        assign(project, "SRM-IAM-02", "alice", "bob");
        sendAll(Instant.now());

        var toAlice = mailsTo("alice@demarc.example", project);
        assertThat(toAlice).hasSize(1);
        var mail = toAlice.getFirst();
        assertThat(mail.getSubject()).startsWith("[Demarc] You are now Responsible for " + project.name());
        assertThat(mail.getRecipients(Message.RecipientType.TO)).hasSize(1);
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).contains("Alice Anders");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<https://demarc.example.test/unsubscribe?token=");
        String raw = GreenMailUtil.getWholeMessage(mail);
        assertThat(raw).contains("text/plain").contains("text/html")
                .contains("https://demarc.example.test/projects/" + project.id().value());
        assertThat(mailsTo("manager@demarc.example", project)).as("the actor").isEmpty();
        assertThat(mailsTo("bob@demarc.example", project)).as("Informed is not an assignment").isEmpty();
    }

    @Test
    void preferencesOffAndDigestAreHonouredAndTheDigestGoesOutOncePerDay() {
        var project = fixtures.project("Payments", "Mail prefs", "EC2");
        var row = assign(project, "SRM-IAM-02", "alice", "bob");
        sendAll(Instant.now());
        smtp.reset();
        try {
            as("bob", () -> preferences.saveMine(modes(NotificationKind.STATUS_CHANGED, DeliveryMode.OFF), "UTC", LocalTime.of(8, 0)));
            as("alice", () -> preferences.saveMine(modes(NotificationKind.STATUS_CHANGED, DeliveryMode.DIGEST),
                    "Europe/Berlin", LocalTime.of(7, 30)));
            assertThatThrownBy(() -> as("alice", () -> preferences.saveMine(
                    modes(NotificationKind.ACCOUNT_SECURITY, DeliveryMode.OFF), "UTC", LocalTime.NOON)))
                    .isInstanceOf(UserFacingException.class).hasMessageContaining("Account security cannot be turned off");

            setStatus(row, Status.IN_PROGRESS);
            sendAll(Instant.now());
            assertThat(mailsTo("bob@demarc.example", project)).as("off").isEmpty();
            assertThat(mailsTo("alice@demarc.example", project)).as("waiting for the digest").isEmpty();

            // the next day after 07:30 Berlin time: one digest with the change; a second run sends nothing more
            var tomorrow = Instant.now().plus(Duration.ofDays(1)).atZone(java.time.ZoneId.of("Europe/Berlin"))
                    .with(LocalTime.of(9, 0)).toInstant();
            assertThat(digests.run(tomorrow)).isPositive();
            assertThat(digests.run(tomorrow.plus(Duration.ofHours(1)))).isZero();
            sendAll(tomorrow);
            var digest = smtp.getReceivedMessagesForDomain("alice@demarc.example");
            assertThat(Arrays.stream(digest).filter(m -> subject(m).startsWith("[Demarc] Daily digest"))).hasSize(1);
            assertThat(GreenMailUtil.getWholeMessage(Arrays.stream(digest)
                    .filter(m -> subject(m).startsWith("[Demarc] Daily digest")).findFirst().orElseThrow()))
                    .contains(project.name()).contains("Not started");
        } finally {
            as("bob", () -> preferences.saveMine(new EnumMap<>(NotificationKind.class), "UTC", LocalTime.of(8, 0)));
            as("alice", () -> preferences.saveMine(new EnumMap<>(NotificationKind.class), "UTC", LocalTime.of(8, 0)));
        }
        assertThat(as("alice", () -> preferences.mine()).modes().get(NotificationKind.STATUS_CHANGED))
                .isEqualTo(DeliveryMode.IMMEDIATE);
    }

    @Test
    void anSmtpOutageDuring100ChangesDeliversAll100LaterExactlyOnce() {
        var project = fixtures.project("Payments", "Mail outage", "EC2");
        var row = assign(project, "SRM-IAM-02", "alice", null);
        sendAll(Instant.now());
        smtp.stop();
        Status status = Status.NOT_STARTED;
        for (int i = 0; i < 100; i++) {
            status = status == Status.IN_PROGRESS ? Status.NOT_STARTED : Status.IN_PROGRESS;
            row = setStatus(row, status);
        }
        var now = Instant.now();
        worker.sendDue(now);
        worker.sendDue(now);
        assertThat(as("admin", () -> deliveries.status()).backlog()).isGreaterThanOrEqualTo(100);
        assertThat(as("admin", () -> deliveries.status()).mailEnabled()).isTrue();

        smtp = start();
        sendAll(now.plus(Duration.ofMinutes(1)));
        sendAll(now.plus(Duration.ofHours(5)));
        var mails = mailsTo("alice@demarc.example", project);
        assertThat(mails).hasSize(100);
        assertThat(mails.stream().map(NotificationMailTest::subject).filter(s -> s.contains("Not started → In progress"))).hasSize(50);
        assertThat(as("admin", () -> deliveries.status()).backlog()).isZero();
    }

    @Test
    void twoWorkersOnOneDatabaseNeverSendADuplicate() throws Exception {
        var project = fixtures.project("Payments", "Mail workers", "EC2");
        var row = assign(project, "SRM-IAM-02", "alice", null);
        sendAll(Instant.now());
        smtp.reset();
        Status status = Status.NOT_STARTED;
        for (int i = 0; i < 60; i++) {
            status = status == Status.IN_PROGRESS ? Status.NOT_STARTED : Status.IN_PROGRESS;
            row = setStatus(row, status);
        }
        var now = Instant.now();
        Callable<Integer> work = () -> {
            int total = 0;
            for (int n; (n = worker.sendDue(now)) > 0; ) {
                total += n;
            }
            return total;
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(work);
            var b = pool.submit(work);
            assertThat(a.get() + b.get()).isEqualTo(60);
        }
        var mails = mailsTo("alice@demarc.example", project);
        assertThat(mails).hasSize(60);
    }

    @Test
    void mailsOfferOneClickUnsubscribeWithASignedTokenThatTurnsOnlyThatKindOff() throws Exception {
        var project = fixtures.project("Payments", "Mail unsubscribe", "EC2");
        var row = assign(project, "SRM-IAM-02", "alice", "bob");
        sendAll(Instant.now());
        var mail = mailsTo("alice@demarc.example", project).getFirst();
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(header).startsWith("<https://demarc.example.test/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String token = java.net.URLDecoder.decode(header.substring(header.indexOf("token=") + 6, header.indexOf('>')),
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertThat(unsubscribe.describe(token).what()).contains("Assigned");
            assertThat(unsubscribe.unsubscribe(token).username()).isEqualTo("alice");
            assertThat(as("alice", () -> preferences.mine()).modes())
                    .containsEntry(NotificationKind.RACI_ASSIGNED, DeliveryMode.OFF)
                    .containsEntry(NotificationKind.STATUS_CHANGED, DeliveryMode.IMMEDIATE);
            // a changed character anywhere is refused, and nothing changes
            String forged = token.replaceFirst("^\\d+", String.valueOf(users.findForLogin("bob").orElseThrow().id().value()));
            assertThatThrownBy(() -> unsubscribe.unsubscribe(forged)).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("not valid");
            assertThat(as("bob", () -> preferences.mine()).modes()).containsEntry(NotificationKind.RACI_ASSIGNED, DeliveryMode.IMMEDIATE);
        } finally {
            as("alice", () -> preferences.saveMine(new EnumMap<>(NotificationKind.class), "UTC", LocalTime.of(8, 0)));
        }
    }

    /**
     * The endpoint through the real security filter chains (MockMvc over this context, no session, no CSRF token):
     * GET only shows what would change; POST with the mail's token turns it off; forged and expired tokens get 400
     * with what to do; POST elsewhere without a CSRF token is still refused (the exemption is this path only).
     */
    @Test
    void unsubscribeOverHttpWithoutSessionOrCsrfAndForgedOrExpiredTokensAreRefused() throws Exception {
        var mvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(web)
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity()).build();
        long bob = users.findForLogin("bob").orElseThrow().id().value();
        String token = unsubscribeToken(bob, NotificationKind.STATUS_CHANGED.name());
        try {
            var page = mvc.perform(get("/unsubscribe").param("token", token)).andReturn().getResponse();
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains("Stop “Status changed” e-mails for <b>bob</b>").contains("<form method=\"post\"");
            assertThat(page.getCookies()).as("no session").isEmpty();
            assertThat(as("bob", () -> preferences.mine()).modes()).as("a GET changes nothing")
                    .containsEntry(NotificationKind.STATUS_CHANGED, DeliveryMode.IMMEDIATE);

            var done = mvc.perform(post("/unsubscribe").param("token", token)
                    .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                    .content("List-Unsubscribe=One-Click")).andReturn().getResponse();
            assertThat(done.getStatus()).isEqualTo(200);
            assertThat(done.getContentAsString()).contains("Done: <b>bob</b> gets no more “Status changed” e-mails");
            assertThat(as("bob", () -> preferences.mine()).modes()).containsEntry(NotificationKind.STATUS_CHANGED, DeliveryMode.OFF);

            String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
            var refused = mvc.perform(post("/unsubscribe").param("token", forged)).andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("not valid").contains("notification settings")
                    .doesNotContain("Exception");
            String expired = expiredToken(bob, NotificationKind.DUE_SOON.name());
            var old = mvc.perform(post("/unsubscribe").param("token", expired)).andReturn().getResponse();
            assertThat(old.getStatus()).isEqualTo(400);
            assertThat(old.getContentAsString()).contains("has expired");
            assertThat(as("bob", () -> preferences.mine()).modes()).containsEntry(NotificationKind.DUE_SOON, DeliveryMode.IMMEDIATE);
            assertThat(mvc.perform(post("/notifications").param("token", token)).andReturn().getResponse().getStatus())
                    .as("CSRF still guards every other path").isEqualTo(403);
        } finally {
            as("bob", () -> preferences.saveMine(new EnumMap<>(NotificationKind.class), "UTC", LocalTime.of(8, 0)));
        }
    }

    @Test
    void accountSecurityMailsReachThePersonEvenAsTheActorAndCannotBeUnsubscribed() throws Exception {
        var created = as("alice", () -> apiTokens.createPersonalToken("mail test " + System.nanoTime(),
                java.time.LocalDate.now().plusDays(5)));
        try {
            // alice turned account security to "at once" only; even "off" for everything else does not stop it
            sendAll(Instant.now());
            var mails = Arrays.stream(smtp.getReceivedMessagesForDomain("alice@demarc.example"))
                    .filter(m -> subject(m).contains("A new API token was created")).toList();
            assertThat(mails).hasSize(1);
            var mail = mails.getFirst();
            assertThat(GreenMailUtil.getWholeMessage(mail)).contains(created.token().name())
                    .contains("https://demarc.example.test/account/api-tokens");
            assertThat(mail.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://demarc.example.test/notifications/settings>");
            assertThat(mail.getHeader("List-Unsubscribe-Post")).as("no one-click for a mandatory kind").isNull();
            String forged = unsubscribeToken(users.findForLogin("alice").orElseThrow().id().value(), "ACCOUNT_SECURITY");
            assertThatThrownBy(() -> unsubscribe.unsubscribe(forged)).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("cannot be turned off");
        } finally {
            as("alice", () -> apiTokens.revokeMyToken(created.token().id()));
        }
        // an administrator resets a person's password: that person is told, by mail
        String name = "sec" + Long.toString(System.nanoTime(), 36);
        var account = as("admin", () -> organization.createUser(new com.demarc.organization.UserDraft(name, "Sec Person",
                name + "@demarc.example", true, java.util.Set.of(com.demarc.shared.Role.MEMBER), java.util.Set.of()),
                "Initial-password-2026!x"));
        as("admin", () -> organization.resetPassword(account.id(), "Another-password-2026!y"));
        sendAll(Instant.now());
        assertThat(Arrays.stream(smtp.getReceivedMessagesForDomain(name + "@demarc.example")).map(NotificationMailTest::subject))
                .containsExactly("[Demarc] An administrator reset your Demarc password");
    }

    @Test
    void anImportTurningAControlFailingTellsItsRaciOnceWithTheChecksLinkAndAgainWhenItPasses() throws Exception {
        String account = com.demarc.automation.ResultFiles.randomAccount();
        var project = resultFiles.project("Payments", "Mail checks", account);
        assign(project, "SRM-IAM-03", "alice", "bob");
        sendAll(Instant.now());
        smtp.reset();
        var observed = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        java.util.function.BiConsumer<String, Instant> importIam6 = (status, at) -> as("manager", () -> automation.importResults(
                com.demarc.automation.ResultFiles.stream(com.demarc.automation.ResultFiles.render("asff-checkout.json",
                        account, at, at, java.util.Map.of("IAM6", status, "EC219", "PASSED"))), "findings.json", null, project.id()));
        importIam6.accept("FAILED", observed);
        importIam6.accept("FAILED", observed.plusSeconds(60)); // still failing: nothing new
        sendAll(Instant.now());
        var row = fixtures.row(project, "SRM-IAM-03");
        for (String who : List.of("alice", "bob")) {
            var mails = mailsTo(who + "@demarc.example", project);
            assertThat(mails).as(who).extracting(NotificationMailTest::subject)
                    .containsExactly("[Demarc] Automated check failing: " + project.name() + " · SRM-IAM-03");
            assertThat(GreenMailUtil.getWholeMessage(mails.getFirst())).contains("IAM.6")
                    .contains("https://demarc.example.test/control-checks/" + row.id().value());
        }
        assertThat(mailsTo("manager@demarc.example", project)).as("the importer").isEmpty();

        smtp.reset();
        importIam6.accept("PASSED", observed.plusSeconds(120));
        sendAll(Instant.now());
        assertThat(mailsTo("alice@demarc.example", project)).extracting(NotificationMailTest::subject)
                .containsExactly("[Demarc] Checks pass again: " + project.name() + " · SRM-IAM-03");
    }

    // --- helpers

    ProjectControl assign(Project project, String code, String responsible, String informed) {
        var row = fixtures.row(project, code);
        var entries = new java.util.ArrayList<>(List.of(new RaciEntry(RaciRole.A, person("manager")),
                new RaciEntry(RaciRole.R, person(responsible))));
        if (informed != null) {
            entries.add(new RaciEntry(RaciRole.I, person(informed)));
        }
        as("manager", () -> raci.setRaci(row.id(), row.version(), entries));
        return as("manager", () -> projects.control(row.id()));
    }

    ProjectControl setStatus(ProjectControl row, Status status) {
        return as("manager", () -> projects.setStatus(row.id(), row.version(), status, null, null, ""));
    }

    Assignee person(String username) {
        var u = users.findForLogin(username).orElseThrow();
        return Assignee.person(u.id(), u.displayName());
    }

    static EnumMap<NotificationKind, DeliveryMode> modes(NotificationKind kind, DeliveryMode mode) {
        var m = new EnumMap<NotificationKind, DeliveryMode>(NotificationKind.class);
        m.put(kind, mode);
        return m;
    }

    void sendAll(Instant at) {
        while (worker.sendDue(at) > 0) {
            // until nothing is due
        }
    }

    List<MimeMessage> mailsTo(String address, Project project) {
        return Arrays.stream(smtp.getReceivedMessagesForDomain(address))
                .filter(m -> subject(m).contains(project.name())).toList();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T as(String username, Supplier<T> work) {
        var ref = new AtomicReference<T>();
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), () -> ref.set(work.get()));
        return ref.get();
    }

    void as(String username, Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), work);
    }

    String unsubscribeToken(long user, String kind) {
        return unsubscribeTokens.issue(user, kind);
    }

    /** A token signed with the real key but expired a minute ago (the key is the app's, the expiry in the past). */
    String expiredToken(long user, String kind) throws Exception {
        String body = user + "." + kind + "." + Instant.now().minusSeconds(60).getEpochSecond();
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(jdbc.sql(
                "select secret from notification_secret where name = 'unsubscribe'").query(String.class).single()), "HmacSHA256"));
        return body + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static GreenMail start() {
        var mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
