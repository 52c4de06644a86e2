package com.demarc.operations;

import com.demarc.bench.VaadinHttpUser;
import com.demarc.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's tools see over HTTP: open health probes, Prometheus metrics only with the scrape token (or as an
 * administrator), Demarc's own figures in them, and session ids that carry this node's route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demarc.management.scrape-token=test-scrape-token", "demarc.cluster.node-id=node-t"})
@ActiveProfiles({"test", "demo"})
@Import(TestDatabaseConfiguration.class)
class MetricsAndHealthTest {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void probesAreOpenAndReadinessIncludesTheDatabase() throws Exception {
        var readiness = get("/actuator/health/readiness", null, null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
        assertThat(get("/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusNeedsTheScrapeTokenOrAnAdministrator() throws Exception {
        assertThat(get("/actuator/prometheus", null, null).statusCode()).as("anonymous").isNotEqualTo(200);
        assertThat(get("/actuator/prometheus", "Bearer wrong-token", null).statusCode()).as("wrong token").isNotEqualTo(200);

        var member = new VaadinHttpUser("http://localhost:" + port, http);
        member.login("alice", "demarc-demo-2026");
        assertThat(get("/actuator/prometheus", null, member.cookieHeader()).statusCode()).as("a member").isNotEqualTo(200);
        var admin = new VaadinHttpUser("http://localhost:" + port, http);
        admin.login("admin", "demarc-demo-2026");
        assertThat(get("/actuator/prometheus", null, admin.cookieHeader()).statusCode()).as("an administrator").isEqualTo(200);
    }

    @Test
    void signInsAndFailuresAreCountedAndSessionIdsCarryTheRoute() throws Exception {
        var user = new VaadinHttpUser("http://localhost:" + port, http);
        user.login("bob", "demarc-demo-2026");
        assertThat(user.cookieHeader()).as("the renewed session id keeps the route").matches("JSESSIONID=[^;]+\\.node-t");
        try {
            new VaadinHttpUser("http://localhost:" + port, http).login("bob", "not-his-password-at-all");
        } catch (IllegalStateException expected) {
            // refused, as it should be
        }
        var scrape = get("/actuator/prometheus", "Bearer test-scrape-token", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("demarc_sign_ins_total\\{[^}]*method=\"password\"[^}]*} [1-9]")
                .containsPattern("demarc_sign_in_failures_total\\{[^}]*reason=\"bad-credentials\"[^}]*} [1-9]")
                .contains("node=\"node-t\"");
    }

    private HttpResponse<String> get(String path, String authorization, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
