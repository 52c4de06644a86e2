package com.demarc.notification;

import com.demarc.notification.internal.OutboxWorker;
import com.demarc.organization.TeamId;
import com.demarc.project.ProjectService;
import com.demarc.project.Status;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.UserFacingException;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A team's chat webhook against a tiny HTTP server in the test: signed JSON, a 500 and a hang retried, then delivered once. */
@DemarcTest
class TeamWebhookTest {
    @Autowired
    TeamWebhooks webhooks;
    @Autowired
    OutboxWorker worker;
    @Autowired
    ProjectService projects;
    @Autowired
    Fixtures fixtures;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.demarc.raci.RaciService raci;
    @Autowired
    com.demarc.organization.UserDirectory users;

    record Received(String body, String signature) {
    }

    @Test
    void statusChangeIsPostedSignedAfterA500AndAHangExactlyOnce() throws Exception {
        var received = new CopyOnWriteArrayList<Received>();
        var calls = new AtomicInteger();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            try {
                if (n == 1) {
                    exchange.sendResponseHeaders(500, -1);
                } else if (n == 2) {
                    Thread.sleep(3000); // longer than demarc.notifications.webhook-timeout (1s in tests)
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    received.add(new Received(new String(body, StandardCharsets.UTF_8),
                            exchange.getRequestHeaders().getFirst("X-Demarc-Signature")));
                    exchange.sendResponseHeaders(204, -1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        TeamId team = fixtures.team("Data Platform");
        try {
            assertThatThrownBy(() -> as("admin", () -> webhooks.set(team, "ftp://example.com/x")))
                    .isInstanceOf(UserFacingException.class).hasMessageContaining("https://");
            String secret = as("admin", () -> webhooks.set(team, "http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
            assertThat(secret).hasSizeGreaterThan(30);

            var project = fixtures.project("Data Platform", "Hook", "EC2");
            var row = fixtures.row(project, "SRM-IAM-02");
            as("manager", () -> projects.setStatus(row.id(), row.version(), Status.IN_PROGRESS, null, null, ""));

            var now = Instant.now();
            drain(now);                                  // 500 → retry later
            drain(now.plus(Duration.ofHours(2)));        // hangs → timed out, retry later
            drain(now.plus(Duration.ofHours(4)));        // delivered
            drain(now.plus(Duration.ofHours(8)));        // nothing left
            var mine = received.stream().filter(r -> r.body().contains(project.name())).toList();
            assertThat(mine).hasSize(1);
            var post = mine.getFirst();
            assertThat(post.body()).startsWith("{\"text\":\"").contains("Not started → In progress")
                    .contains("/projects/" + project.id().value());
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(post.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(
                    mac.doFinal(post.body().getBytes(StandardCharsets.UTF_8))));
            assertThat(jdbc.sql("select attempts from notification_delivery where channel = 'WEBHOOK' and payload like :p")
                    .param("p", "%" + project.name() + "%").query(Integer.class).single()).isEqualTo(3);
        } finally {
            as("admin", () -> webhooks.remove(team));
            server.stop(0);
        }
    }

    @Test
    void aManagerSetsTheHookSendsATestAndABulkRaciChangeIsOneSummaryPostWhilePausedNothing() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/chat", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 200 : 500, -1);
            exchange.close();
        });
        server.start();
        TeamId team = fixtures.team("Data Platform");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/chat";
            as("manager", () -> webhooks.set(team, base));
            assertThat(as("manager", () -> webhooks.list())).filteredOn(h -> h.team().equals(team))
                    .singleElement().satisfies(h -> {
                        assertThat(h.url()).isEqualTo(base);
                        assertThat(h.enabled()).isTrue();
                    });
            assertThat(as("manager", () -> webhooks.sendTest(team))).contains("delivered");
            assertThat(received).singleElement().asString().contains("Test message from Demarc for team Data Platform");

            var p1 = fixtures.project("Data Platform", "Chat", "EC2");
            var p2 = fixtures.project("Data Platform", "Chat", "EC2");
            // bob is in Data Platform: only the project's team and managers may be R or A (ADR 0026)
            var member = users.findForLogin("bob").orElseThrow();
            as("manager", () -> raci.bulkAssign(java.util.Set.of(p1.id(), p2.id()), java.util.Set.of("SRM-IAM-02", "SRM-IAM-03"),
                    com.demarc.raci.RaciRole.R, com.demarc.raci.Assignee.person(member.id(), member.displayName())));
            drain(Instant.now());
            var posts = received.stream().filter(b -> b.contains(p1.name()) || b.contains(p2.name())).toList();
            assertThat(posts).as("one summary for the bulk change").hasSize(1);
            assertThat(posts.getFirst()).contains("RACI changed on 4 assignments (by manager)")
                    .contains(p1.name() + " · SRM-IAM-02: " + member.displayName() + " now Responsible");

            as("manager", () -> webhooks.setEnabled(team, false));
            var row = fixtures.row(p1, "SRM-IAM-05");
            var manager = users.findForLogin("manager").orElseThrow();
            as("manager", () -> raci.setRaci(row.id(), row.version(), java.util.List.of(
                    new com.demarc.raci.RaciEntry(com.demarc.raci.RaciRole.A, com.demarc.raci.Assignee.person(manager.id(), manager.displayName())),
                    new com.demarc.raci.RaciEntry(com.demarc.raci.RaciRole.R, com.demarc.raci.Assignee.person(member.id(), member.displayName())))));
            drain(Instant.now());
            assertThat(received.stream().filter(b -> b.contains(p1.name() + " · SRM-IAM-05"))).as("paused").isEmpty();

            as("manager", () -> webhooks.set(team, base + "?fail"));
            assertThatThrownBy(() -> as("manager", () -> webhooks.sendTest(team))).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("HTTP 500").hasMessageContaining("Check the URL");
            assertThatThrownBy(() -> as("alice", () -> webhooks.list()))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        } finally {
            as("admin", () -> webhooks.remove(team));
            server.stop(0);
        }
    }

    void drain(Instant at) {
        while (worker.sendDue(at) > 0) {
            // until nothing is due at this time
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

}
