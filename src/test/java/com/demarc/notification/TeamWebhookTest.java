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
