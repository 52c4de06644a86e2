package com.demarc.operations;

import com.demarc.bench.VaadinHttpUser;
import com.demarc.support.Cluster;
import com.demarc.support.DatabaseProxy;
import com.demarc.support.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app nodes from the packaged jar on one database, behind nginx running the shipped {@code deploy/nginx.conf}
 * (issue 17): users sign in through nginx and stay on their node across the session id change at sign-in; a
 * provisioning client writes through nginx while one node is killed with {@code kill -9}; every write nginx
 * acknowledged is in the database afterwards, the other node's users see no error, the dead node's users sign in
 * again on the survivor; the nightly job ran exactly once; a user disabled on one node is signed out on the other;
 * readiness fails while the database is cut off; the client address and https come from nginx's forwarded headers and
 * never from a peer that is no trusted proxy. Runs after {@code package} (failsafe execution "cluster").
 */
@Tag("cluster")
class ClusterIT {
    private static final String PASSWORD = "demarc-demo-2026";
    private static final String SCRAPE_TOKEN = "scrape-" + UUID.randomUUID();
    private static final String SCIM_TOKEN = "demarc_scim_cluster_" + UUID.randomUUID().toString().replace("-", "");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void twoNodesBehindNginx() throws Exception {
        Cluster.cleanTestDatabase();
        try (var db = DatabaseProxy.forTestDatabase();
             var cluster = new Cluster(through(db), Map.of(
                     // the "nightly" job every 10 s on both nodes: it must still run once (its lock outlives the run)
                     "demarc.coverage.snapshot-cron", "*/10 * * * * *",
                     "demarc.management.scrape-token", SCRAPE_TOKEN,
                     "demarc.security.rights-cache", "1s",
                     "demarc.cluster.readiness-timeout", "2s"),
                     // C1 only: the nodes start in half the CPU time (this test measures no speed)
                     List.of("-XX:TieredStopAtLevel=1"))) {
            var a = cluster.add("node-a");
            var b = cluster.add("node-b");
            cluster.start(a, "--spring.profiles.active=demo"); // migrates and loads the demo users and projects
            cluster.start(b);
            cluster.startNginx();
            provisioningToken();

            // 1. sticky sessions: sign-in renews the session id, the route suffix keeps it on its node
            List<VaadinHttpUser> users = new ArrayList<>();
            Map<VaadinHttpUser, String> nodeOf = new ConcurrentHashMap<>();
            String[] names = {"alice", "manager", "auditor", "admin"};
            for (int i = 0; i < 8; i++) {
                var user = new VaadinHttpUser(cluster.url(), http);
                user.login(names[i % names.length], PASSWORD);
                String node = routeOf(user);
                user.open("");
                user.navigate("dashboard");
                user.navigate("");
                assertThat(routeOf(user)).as("the session stays on its node").isEqualTo(node);
                users.add(user);
                nodeOf.put(user, node);
            }
            assertThat(nodeOf.values()).as("new sessions are balanced over both nodes").contains("node-a", "node-b");

            // 1b. forwarded headers (server.forward-headers-strategy=native, Tomcat's default internal proxies)
            forwardedHeaders(cluster, a);

            // an upload in Chromium through nginx, by a user whose session lives on node B (killed below)
            var profile = java.nio.file.Files.createTempDirectory("cluster-chromium");
            var browser = com.demarc.support.BrowserTest.chromium(profile);
            try {
                long controlId = aliceAccountableControl();
                byte[] pdf = com.demarc.support.TestFiles.pdf("Cluster test: least-privilege review");
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
                var file = profile.resolve("cluster-review.pdf");
                java.nio.file.Files.write(file, pdf);
                for (int i = 0; i < 20 && !"node-b".equals(browserRoute(browser)); i++) {
                    browser.manage().deleteAllCookies();
                    signIn(browser, cluster.url(), "alice");
                }
                assertThat(browserRoute(browser)).as("alice's browser session").isEqualTo("node-b");
                browser.get(cluster.url() + "/evidence/" + controlId);
                var upload = wait(browser).until(d -> d.findElement(org.openqa.selenium.By.cssSelector("#evidence-upload")));
                upload.getShadowRoot().findElement(org.openqa.selenium.By.cssSelector("input[type=file]"))
                        .sendKeys(file.toAbsolutePath().toString());
                wait(browser).until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#evidence-items .sha256")).stream()
                        .anyMatch(e -> e.getText().equals("SHA-256 " + sha)));
                uploadedSha = sha;
                uploadControl = controlId;
            } catch (RuntimeException | Error e) {
                browser.quit();
                throw e;
            }

            // 2. a user disabled on node A is signed out on node B (and the other way round)
            var bob = signInOn(cluster, "bob", "node-b");
            long bobId = linkToScim("bob");
            var disabled = scim("PATCH", a.url() + "/scim/v2/Users/" + bobId, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"replace","path":"active","value":false}]}""");
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            Thread.sleep(1_200); // the rights cache (1 s here, 2 s by default)
            assertThatThrownBy(() -> bob.navigate("dashboard"), "bob's Vaadin request on node B after he was disabled on A")
                    .isNotBlank();
            var page = http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/")).header("Cookie", bob.cookieHeader())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).contains("/login");

            // 3. the nightly job: node B's trigger finds node A's lock (or the other way round), nobody runs it twice
            awaitTrue(Duration.ofSeconds(30), "both nodes tried the nightly job", () -> skipped(cluster, a) + skipped(cluster, b) >= 1
                    && runs(cluster, a) + runs(cluster, b) == 1);

            // 4. work through nginx while node B is killed
            var stop = new AtomicBoolean();
            var acknowledged = new ConcurrentLinkedQueue<String>();
            var refusedWrites = new AtomicInteger();
            var errorsOnA = new ConcurrentLinkedQueue<String>();
            var signedInAgain = new ConcurrentLinkedQueue<String>();
            var killing = new AtomicBoolean();
            var pool = Executors.newFixedThreadPool(users.size() + 1);
            List<Future<?>> work = new ArrayList<>();
            for (var user : users) {
                work.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        try {
                            user.navigate(n++ % 2 == 0 ? "dashboard" : "");
                            user.forgetResponse();
                            Thread.sleep(50);
                        } catch (Exception e) {
                            if (nodeOf.get(user).equals("node-a") || !killing.get()) {
                                errorsOnA.add(nodeOf.get(user) + ": " + e.getMessage());
                                return null;
                            }
                            // a user of the dead node: their UI is gone, they sign in again (on the survivor)
                            var again = new VaadinHttpUser(cluster.url(), http);
                            again.login("manager", PASSWORD);
                            again.open("");
                            again.navigate("dashboard");
                            signedInAgain.add(routeOf(again));
                            return null;
                        }
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    String userName = "cluster-" + n++ + "@example.com";
                    try {
                        var created = scim("POST", cluster.url() + "/scim/v2/Users", """
                                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                                 "name":{"givenName":"Cluster","familyName":"User %d"},"active":true}""".formatted(userName, n));
                        if (created.statusCode() == 201) {
                            acknowledged.add(userName);
                        } else {
                            refusedWrites.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        refusedWrites.incrementAndGet();
                    }
                }
                return null;
            }));
            Thread.sleep(3_000);
            int beforeKill = acknowledged.size();
            killing.set(true);
            b.kill9();
            Thread.sleep(6_000);
            stop.set(true);
            for (var f : work) {
                f.get();
            }
            pool.shutdown();

            assertThat(errorsOnA).as("errors for the users of the surviving node").isEmpty();
            long usersOnB = nodeOf.values().stream().filter("node-b"::equals).count();
            assertThat(signedInAgain).as("each user of the killed node signed in again, on the survivor")
                    .hasSize((int) usersOnB).containsOnly("node-a");
            assertThat(acknowledged.size()).as("writes acknowledged after the kill too").isGreaterThan(beforeKill);
            var stored = storedUserNames();
            assertThat(stored).as("every acknowledged write is in the database").containsAll(acknowledged);

            // the upload acknowledged on node B is there: alice, sent to the sign-in page, signs in on A and sees it
            try {
                browser.get(cluster.url() + "/evidence/" + uploadControl);
                wait(browser).until(d -> d.getCurrentUrl().contains("/login"));
                signIn(browser, cluster.url(), "alice");
                assertThat(browserRoute(browser)).isEqualTo("node-a");
                browser.get(cluster.url() + "/evidence/" + uploadControl);
                wait(browser).until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#evidence-items .sha256")).stream()
                        .anyMatch(e -> e.getText().equals("SHA-256 " + uploadedSha)));
            } finally {
                browser.quit();
            }
            assertThat(evidenceWithSha(uploadedSha)).as("the uploaded version in the database").isEqualTo(1);

            // the nightly job ran once per lock window across both nodes (B's log survives its kill): it fires every
            // 10 s on both, and holds its lock for 5 min (lockAtLeastFor), so two runs are never closer than that
            var nightlyRuns = new ArrayList<java.time.Instant>();
            nightlyRuns.addAll(runTimes(a.logText()));
            nightlyRuns.addAll(runTimes(b.logText()));
            java.util.Collections.sort(nightlyRuns);
            assertThat(nightlyRuns).as("nightly runs on both nodes").isNotEmpty();
            for (int i = 1; i < nightlyRuns.size(); i++) {
                assertThat(Duration.between(nightlyRuns.get(i - 1), nightlyRuns.get(i)))
                        .as("time between two runs of the nightly job, on any node: " + nightlyRuns)
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(5).minusSeconds(1));
            }

            // operators' figures on the survivor
            String metrics = cluster.metrics(a, SCRAPE_TOKEN);
            assertThat(Cluster.sample(metrics, "demarc_sign_ins_total", "method=\"password\"")).isPositive();
            assertThat(Cluster.sample(metrics, "demarc_coverage_refresh_seconds_count")).isPositive();
            assertThat(metrics).contains("node=\"node-a\"");
            assertThat(cluster.status(a.url() + "/actuator/prometheus")).as("no token, no session").isNotEqualTo(200);

            // 5. readiness follows the database; liveness does not
            db.cut();
            awaitTrue(Duration.ofSeconds(15), "readiness 503 while the database is cut off",
                    () -> status(cluster, a.url() + "/actuator/health/readiness") == 503);
            assertThat(cluster.status(a.url() + "/actuator/health/liveness")).isEqualTo(200);
            db.restore();
            awaitTrue(Duration.ofSeconds(15), "readiness 200 once the database is back",
                    () -> status(cluster, a.url() + "/actuator/health/readiness") == 200);
            System.out.printf("ClusterIT: %d users (%d on node-b), %d writes acknowledged (%d before the kill), %d refused, "
                    + "nightly runs %s%n", users.size(), usersOnB, acknowledged.size(), beforeKill, refusedWrites.get(), nightlyRuns);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The client address, scheme and port the app sees: from nginx (a trusted proxy) the client's, from a peer that
     * is no trusted proxy never what its headers claim. Needs an address of this machine outside Tomcat's internal
     * proxies (a client that is not nginx); without one only the trusted half is checked.
     */
    private void forwardedHeaders(Cluster cluster, Cluster.Node a) throws Exception {
        String outside = Cluster.outsideAddress();
        if (outside != null) {
            // a person at `outside` signs in through nginx: the audit log names them, not nginx's 127.0.0.1
            var person = new VaadinHttpUser(cluster.url(outside), http);
            person.login("auditor", PASSWORD);
            assertThat(lastSignInAddress("auditor")).as("sign-in address recorded through nginx").isEqualTo(outside);
            // links and redirects carry nginx's host and port (X-Forwarded-Host/-Port), never a node's
            var page = http.send(HttpRequest.newBuilder(URI.create(cluster.url(outside) + "/dashboard")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(page.statusCode()).isEqualTo(302);
            String location = page.headers().firstValue("Location").orElse("");
            System.out.println("ClusterIT: redirect through nginx: " + location);
            assertThat(location).contains("/login").doesNotContain(":" + a.port());
            if (location.startsWith("http")) {
                assertThat(location).startsWith(cluster.url(outside) + "/");
            }
        } else {
            System.out.println("ClusterIT: no non-private address on this machine: untrusted-peer checks skipped");
        }
        // TLS ended by a trusted proxy (loopback, as an ALB in a private subnet): https and the client from its headers
        var trusted = probe(a.url(), "198.51.100.7");
        assertThat(trusted.headers().firstValue("Strict-Transport-Security")).as("HSTS: the app sees https").isPresent();
        assertThat(lastRefusalSummary(trusted)).as("client address from X-Forwarded-For").endsWith("from 198.51.100.7");
        if (outside != null) {
            // the same headers from a peer that is no trusted proxy: ignored
            var untrusted = probe("http://" + outside + ":" + a.port(), "198.51.100.8");
            assertThat(untrusted.headers().firstValue("Strict-Transport-Security")).as("no https claimed by anyone").isEmpty();
            assertThat(lastRefusalSummary(untrusted)).as("the peer's own address").endsWith("from " + outside);
        }
    }

    /** An API call with an unknown token (audited with the client address) that claims https and a client address. */
    private HttpResponse<String> probe(String base, String claimedClient) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/forwarded-" + UUID.randomUUID()))
                .header("Authorization", "Bearer demarc_pat_forwarded_probe").header("X-Forwarded-For", claimedClient)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        return response;
    }

    private static String lastRefusalSummary(HttpResponse<String> probe) throws Exception {
        String path = probe.request().uri().getPath();
        try (var c = TestDatabase.appConnection(); var s = c.prepareStatement(
                "select summary from audit_log where action = 'API_REFUSED' and summary like ? order by seq desc limit 1")) {
            s.setString(1, "%" + path + "%");
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).as("the refusal of " + path + " in the audit log").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String lastSignInAddress(String username) throws Exception {
        try (var c = TestDatabase.appConnection(); var s = c.prepareStatement("""
                select address from audit_log where action = 'LOGIN_SUCCEEDED' and entity_id = ? order by seq desc limit 1""")) {
            s.setString(1, username);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private String uploadedSha;
    private long uploadControl;

    private static void signIn(org.openqa.selenium.WebDriver browser, String baseUrl, String username) {
        browser.get(baseUrl + "/login");
        wait(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(
                org.openqa.selenium.By.cssSelector("vaadin-text-field[name=username] input"))).sendKeys(username);
        browser.findElement(org.openqa.selenium.By.cssSelector("vaadin-password-field[name=password] input")).sendKeys(PASSWORD);
        browser.findElement(org.openqa.selenium.By.cssSelector("vaadin-button[slot=submit]")).click();
        wait(browser).until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.cssSelector("vaadin-side-nav-item")));
    }

    private static String browserRoute(org.openqa.selenium.WebDriver browser) {
        var cookie = browser.manage().getCookieNamed("JSESSIONID");
        if (cookie == null) {
            return null;
        }
        int dot = cookie.getValue().lastIndexOf('.');
        return dot < 0 ? null : cookie.getValue().substring(dot + 1);
    }

    private static org.openqa.selenium.support.ui.WebDriverWait wait(org.openqa.selenium.WebDriver browser) {
        var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(45));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    private static long aliceAccountableControl() throws Exception {
        try (var c = TestDatabase.appConnection(); var s = c.createStatement(); var rs = s.executeQuery("""
                select ra.project_control_id from raci_assignment ra join app_user u on u.id = ra.user_id
                where u.username = 'alice' and ra.role = 'A' order by ra.project_control_id limit 1""")) {
            assertThat(rs.next()).as("a control alice is accountable for (demo data)").isTrue();
            return rs.getLong(1);
        }
    }

    private static int evidenceWithSha(String sha) throws Exception {
        try (var c = TestDatabase.appConnection(); var s = c.prepareStatement("select count(*) from evidence_version where sha256 = ?")) {
            s.setString(1, sha);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The test database, reached through the relay that can cut it off. */
    private static TestDatabase.Coordinates through(DatabaseProxy proxy) {
        var test = TestDatabase.get();
        return new TestDatabase.Coordinates(proxy.jdbcUrl(), test.username(), test.password(), test.ownerUsername(),
                test.ownerPassword());
    }

    private static String routeOf(VaadinHttpUser user) {
        var cookie = user.cookieHeader();
        assertThat(cookie).as("session cookie with a route suffix").matches(".*JSESSIONID=[^;]+\\.node-[ab].*");
        var matcher = java.util.regex.Pattern.compile("JSESSIONID=[^;]+\\.(node-[ab])").matcher(cookie);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private VaadinHttpUser signInOn(Cluster cluster, String username, String node) throws Exception {
        for (int i = 0; i < 20; i++) {
            var user = new VaadinHttpUser(cluster.url(), http);
            user.login(username, PASSWORD);
            if (routeOf(user).equals(node)) {
                user.open("");
                return user;
            }
        }
        throw new AssertionError("nginx never sent a new session of " + username + " to " + node);
    }

    private static void provisioningToken() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SCIM_TOKEN.getBytes(StandardCharsets.UTF_8)));
        try (var c = TestDatabase.appConnection(); var s = c.prepareStatement(
                "insert into scim_token (name, token_hash, created_by) values ('cluster test', ?, 'admin')")) {
            s.setString(1, hash);
            s.executeUpdate();
        }
    }

    /** As if the identity provider had provisioned this (demo) account: SCIM may then change it. */
    private static long linkToScim(String username) throws Exception {
        try (var c = TestDatabase.appConnection(); var s = c.prepareStatement("""
                insert into scim_user (user_id, user_name) select id, username from app_user where username = ? returning user_id""")) {
            s.setString(1, username);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> storedUserNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (var c = TestDatabase.appConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select user_name from scim_user")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private HttpResponse<String> scim(String method, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + SCIM_TOKEN).header("Content-Type", "application/scim+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double runs(Cluster cluster, Cluster.Node node) {
        return node.alive() ? metric(cluster, node, "demarc_jobs_runs_total") : 0;
    }

    private static double skipped(Cluster cluster, Cluster.Node node) {
        return node.alive() ? metric(cluster, node, "demarc_jobs_skipped_total") : 0;
    }

    private static double metric(Cluster cluster, Cluster.Node node, String name) {
        try {
            return Cluster.sample(cluster.metrics(node, SCRAPE_TOKEN), name, "job=\"coverage-nightly\"");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(Cluster cluster, String url) {
        try {
            return cluster.status(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** When the nightly job finished, from a node's log (ISO timestamps at the start of each line). */
    private static List<java.time.Instant> runTimes(String log) {
        return log.lines().filter(line -> line.contains("Nightly coverage refresh and snapshot done"))
                .map(line -> java.time.Instant.parse(line.substring(0, line.indexOf(' ')))).toList();
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out (" + timeout + ") waiting until " + what);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThatThrownBy(Action action, String what) {
        try {
            action.run();
        } catch (Exception e) {
            return assertThat(String.valueOf(e.getMessage())).as(what);
        }
        throw new AssertionError(what + ": no error, expected the session to be ended");
    }
}
