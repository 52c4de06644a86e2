package com.demarc.evidence;

import com.demarc.bench.VaadinHttpUser;
import com.demarc.catalog.CatalogService;
import com.demarc.catalog.Control;
import com.demarc.catalog.Owner;
import com.demarc.organization.OrganizationService;
import com.demarc.organization.UserId;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.support.DatabaseProxy;
import com.demarc.support.Fixtures;
import com.demarc.support.TestDatabaseConfiguration;
import com.demarc.support.TestFiles;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence bytes in transit, tried as an attacker or a noisy user would: through a real server on a random port, real
 * HTTP clients, and the app's database behind a relay the test can cut. Limits here: 8 MB per file, 4 transfers per
 * user, a pool of 10 connections that gives up after 3 s (so a starved pool fails the test instead of hanging it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demarc.evidence.max-file-size=8MB",
        "demarc.evidence.max-transfers-per-user=4",
        "demarc.evidence.upload-wait=1s",
        "demarc.evidence.max-concurrent-transfers=64",
        "spring.datasource.hikari.maximum-pool-size=10",
        "spring.datasource.hikari.connection-timeout=3000"})
@ActiveProfiles({"test", "demo"})
@Import(EvidenceTransferTest.ThroughTheRelay.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceTransferTest {
    static final String PASSWORD = "demarc-demo-2026";
    static final DatabaseProxy PROXY = startProxy();

    /** The test database as {@link TestDatabaseConfiguration} gives it, but reached through {@link #PROXY}. */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class ThroughTheRelay {
        @org.springframework.context.annotation.Bean
        org.springframework.test.context.DynamicPropertyRegistrar relayedDatabase() {
            return registry -> {
                var db = com.demarc.support.TestDatabase.get();
                registry.add("spring.datasource.url", PROXY::jdbcUrl);
                registry.add("spring.datasource.username", db::username);
                registry.add("spring.datasource.password", db::password);
                registry.add("spring.flyway.user", db::ownerUsername);
                registry.add("spring.flyway.password", db::ownerPassword);
                registry.add("spring.flyway.placeholders.app_user", db::username);
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    EvidenceService evidence;
    @Autowired
    AttestationService attestations;
    @Autowired
    Transfers transfers;
    @Autowired
    Fixtures fixtures;
    @Autowired
    CatalogService catalog;
    @Autowired
    OrganizationService organization;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    ProjectControl paymentsRow;
    ProjectControl dataRow;
    long smallVersion;
    byte[] smallPdf;
    long bigVersion;
    long attestationId;

    static DatabaseProxy startProxy() {
        try {
            return DatabaseProxy.forTestDatabase();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void evidenceToTransfer() {
        assertThat(((HikariDataSource) dataSource).getJdbcUrl()).as("the app talks to the database through the relay")
                .isEqualTo(PROXY.jdbcUrl());
        paymentsRow = fixtures.row(fixtures.project("Payments", "Transfer", "EC2"), "SRM-DATA-09");
        dataRow = fixtures.row(fixtures.project("Data Platform", "Transfer", "EC2"), "SRM-DATA-09");
        smallPdf = TestFiles.pdf("small evidence " + System.nanoTime());
        as("alice", () -> {
            smallVersion = evidence.upload(paymentsRow.id(), null, "small.pdf", new ByteArrayInputStream(smallPdf),
                    null, null, null).current().id();
            bigVersion = evidence.upload(paymentsRow.id(), null, "big.pdf", TestFiles.pdfOfSize(6L << 20),
                    null, null, null).current().id();
        });
        as("manager", () -> {
            var a = attestations.create("AWS SOC 2 transfer test", "SOC 2 Type II", LocalDate.now().minusMonths(6),
                    LocalDate.now(), LocalDate.now().plusMonths(6), null, "soc2.pdf",
                    new ByteArrayInputStream(TestFiles.pdf("SOC 2")));
            attestationId = a.id();
            var awsCodes = catalog.controlsFor(catalog.latestModel().id()).stream()
                    .filter(c -> c.data().defaultOwner() == Owner.AWS).map(control -> control.data().code()).toList();
            assertThat(attestations.link(attestationId, awsCodes, List.of(paymentsRow.data().projectId()))).isPositive();
        });
    }

    @AfterAll
    void closeRelay() throws IOException {
        PROXY.restore();
    }

    // --- downloads ------------------------------------------------------------------------------------------------

    @Test
    void crossSiteAndSameSiteRequestsForFilesAreRefusedOwnPagesTypedAddressesAndScriptsPass() throws Exception {
        String alice = signIn("alice");
        for (String site : List.of("cross-site", "same-site")) {
            var refused = get(alice, "/files/evidence/" + smallVersion, site);
            assertThat(refused.statusCode()).as(site).isEqualTo(403);
            assertThat(new String(refused.body())).contains("not from another site");
            assertThat(get(alice, "/files/attestations/" + attestationId, site).statusCode()).isEqualTo(403);
            assertThat(get(alice, "/files/audit-package/" + paymentsRow.data().projectId().value(), site).statusCode()).isEqualTo(403);
        }
        for (String site : new String[]{"same-origin", "none", null}) {
            var ok = get(alice, "/files/evidence/" + smallVersion, site);
            assertThat(ok.statusCode()).as(String.valueOf(site)).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(smallPdf);
        }
    }

    @Test
    void missingAndNotYoursAnswerExactlyAlikeAndTheRefusalIsAudited() throws Exception {
        long before = lastAuditSeq();
        String bob = signIn("bob");
        var notYours = get(bob, "/files/evidence/" + smallVersion, "same-origin");
        var missing = get(bob, "/files/evidence/" + (smallVersion + 1_000_000), "same-origin");
        assertThat(notYours.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(notYours.body())).isEqualTo(new String(missing.body())).contains("not yours to read");
        assertThat(notYours.headers().firstValue("Content-Type")).isEqualTo(missing.headers().firstValue("Content-Type"));

        var attestationNotYours = get(bob, "/files/attestations/" + attestationId, "same-origin");
        var attestationMissing = get(bob, "/files/attestations/" + (attestationId + 1_000_000), "same-origin");
        assertThat(attestationNotYours.statusCode()).isEqualTo(404);
        assertThat(attestationNotYours.body()).isEqualTo(attestationMissing.body()).isEqualTo(missing.body());
        assertThat(auditSince(before, "ACCESS_DENIED")).anyMatch(s -> s.startsWith("bob was refused"));
    }

    @Test
    void attestationDownloadsAreAuditedAndFollowTheAuditorsTeamScope() throws Exception {
        long before = lastAuditSeq();
        var ok = get(signIn("auditor"), "/files/attestations/" + attestationId, "same-origin");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(auditSince(before, "ATTESTATION_DOWNLOADED")).anyMatch(s -> s.contains("soc2.pdf"));

        var auditor = (DemarcUser) userDetails.loadUserByUsername("auditor");
        var dataPlatform = fixtures.team("Data Platform");
        try {
            as("admin", () -> organization.setAuditorAccess(new UserId(auditor.id()), null, Set.of(dataPlatform)));
            String scoped = signIn("auditor");
            assertThat(get(scoped, "/files/attestations/" + attestationId, "same-origin").statusCode())
                    .as("an auditor limited to Data Platform: the attestation is linked to a Payments project only")
                    .isEqualTo(404);
            assertThat(get(scoped, "/files/evidence/" + smallVersion, "same-origin").statusCode()).isEqualTo(404);
            as("auditor", () -> assertThat(attestations.attestations()).noneMatch(a -> a.id() == attestationId));

            as("admin", () -> organization.setAuditorAccess(new UserId(auditor.id()), null, Set.of(fixtures.team("Payments"))));
            assertThat(get(signIn("auditor"), "/files/attestations/" + attestationId, "same-origin").statusCode()).isEqualTo(200);
        } finally {
            as("admin", () -> organization.setAuditorAccess(new UserId(auditor.id()), null, Set.of()));
        }
    }

    @Test
    void aFifthParallelDownloadOfOneUserIsA429AndTheFirstFourStream() throws Exception {
        String alice = signIn("alice");
        var slow = new ArrayList<SlowDownload>();
        try {
            for (int i = 0; i < 4; i++) {
                slow.add(SlowDownload.start(port, "/files/evidence/" + bigVersion, alice, 20 * 1024));
            }
            awaitTrue(() -> transfers.running("alice") == 4, "four downloads running");
            var fifth = get(alice, "/files/evidence/" + smallVersion, "same-origin");
            assertThat(fifth.statusCode()).isEqualTo(429);
            assertThat(new String(fifth.body())).contains("You have 4 transfers running; wait for one to finish");
            assertThat(fifth.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(signIn("manager"), "/files/evidence/" + smallVersion, "same-origin").statusCode())
                    .as("another user is not affected").isEqualTo(200);
        } finally {
            slow.forEach(SlowDownload::close);
        }
        awaitTrue(() -> transfers.running("alice") == 0, "the cut-off downloads gave their permits back");
        assertThat(get(alice, "/files/evidence/" + smallVersion, "same-origin").statusCode()).isEqualTo(200);
    }

    @Test
    void aDownloadDuringADatabaseOutageIsA503ThatSaysSoNeverA403() throws Exception {
        String alice = signIn("alice");
        PROXY.cut();
        try {
            var down = get(alice, "/files/evidence/" + smallVersion, "same-origin");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(new String(down.body())).contains("The database is not reachable").contains("Try again")
                    .doesNotContain("Exception").doesNotContain("<html");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(get(alice, "/files/attestations/" + attestationId, "same-origin").statusCode()).isEqualTo(503);
        } finally {
            PROXY.restore();
        }
        awaitTrue(() -> {
            try {
                return get(alice, "/files/evidence/" + smallVersion, "same-origin").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "downloads work again once the database is back");
    }

    // --- uploads --------------------------------------------------------------------------------------------------

    @Test
    void aRetriedUploadOfTheSameContentReturnsTheStoredVersionWithoutADuplicate() {
        as("alice", () -> {
            byte[] pdf = TestFiles.pdf("retried " + System.nanoTime());
            var first = evidence.upload(paymentsRow.id(), null, "retried.pdf", new ByteArrayInputStream(pdf), null, null, null);
            var counts = counts();
            var retry = evidence.upload(paymentsRow.id(), null, "retried.pdf", new ByteArrayInputStream(pdf), null, null, null);
            assertThat(retry.id()).isEqualTo(first.id());
            assertThat(retry.current().id()).isEqualTo(first.current().id());
            assertThat(counts()).isEqualTo(counts);

            byte[] v2 = TestFiles.pdf("retried v2 " + System.nanoTime());
            var second = evidence.upload(paymentsRow.id(), first.id(), "retried.pdf", new ByteArrayInputStream(v2), null, null, null);
            var secondRetry = evidence.upload(paymentsRow.id(), first.id(), "retried.pdf", new ByteArrayInputStream(v2), null, null, null);
            assertThat(secondRetry.versions()).hasSize(2);
            assertThat(secondRetry.current().id()).isEqualTo(second.current().id());
        });
    }

    @Test
    void anUploadOverTheLimitIsCutOffWhileStreamingAndABrokenOneLeavesNoTempFileAndNoRows() throws Exception {
        var counts = counts();
        var spooled = spooledFiles();
        as("alice", () -> {
            assertThatThrownBy(() -> evidence.upload(paymentsRow.id(), null, "huge.pdf", TestFiles.pdfOfSize(9L << 20),
                    null, null, null)).isInstanceOf(EvidenceRefused.class).hasMessageContaining("larger than the limit of 8 MB");
            assertThatThrownBy(() -> evidence.upload(paymentsRow.id(), null, "cut.pdf", TestFiles.interruptedAfter(300_000),
                    null, null, null)).isInstanceOf(EvidenceRefused.class).hasMessageContaining("interrupted")
                    .hasMessageContaining("nothing was stored");
        });
        assertThat(counts()).isEqualTo(counts);
        assertThat(spooledFiles()).isEqualTo(spooled);
        assertThat(transfers.running("alice")).isZero();
    }

    @Test
    void twelveUploadsInFlightHoldNoDatabaseConnectionAndAFifthOfOneUserIsRefused() throws Exception {
        var gate = new CountDownLatch(1);
        var results = new ArrayList<Thread>();
        var stored = new java.util.concurrent.ConcurrentLinkedQueue<Long>();
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        Map<String, ProjectControl> rows = Map.of("alice", paymentsRow, "bob", dataRow, "manager", paymentsRow);
        for (var entry : rows.entrySet()) {
            for (int i = 0; i < 4; i++) {
                String name = entry.getKey() + "-inflight-" + i + ".pdf";
                results.add(Thread.ofPlatform().start(() -> {
                    try {
                        as(entry.getKey(), () -> stored.add(evidence.upload(entry.getValue().id(), null, name,
                                gated(gate, 200_000, 400_000), null, null, null).id()));
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
        }
        try {
            awaitTrue(() -> transfers.running("alice") == 4 && transfers.running("bob") == 4
                    && transfers.running("manager") == 4, "12 uploads in flight");
            var pool = ((HikariDataSource) dataSource).getHikariPoolMXBean();
            assertThat(pool.getActiveConnections()).as("connections in use while 12 uploads are in flight").isLessThanOrEqualTo(2);
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                as("auditor", () -> evidence.items(paymentsRow.id()));
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            }
            as("alice", () -> assertThatThrownBy(() -> evidence.upload(paymentsRow.id(), null, "fifth.pdf",
                    new ByteArrayInputStream(TestFiles.pdf("fifth")), null, null, null))
                    .isInstanceOf(TooManyTransfers.class)
                    .hasMessage("You have 4 transfers running; wait for one to finish, then try again."));
        } finally {
            gate.countDown();
            for (var t : results) {
                t.join(60_000);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(stored).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void anUploadBeyondTheUsersLimitWaitsForAFreeSlotSoADropOfManyFilesIsStored() throws Exception {
        var held = new ArrayList<Transfers.Permit>();
        as("alice", () -> {
            for (int i = 0; i < 4; i++) {
                held.add(transfers.begin());
            }
        });
        var result = new AtomicReference<Object>();
        var upload = Thread.ofPlatform().start(() -> as("alice", () -> {
            try {
                result.set(evidence.upload(paymentsRow.id(), null, "queued-" + System.nanoTime() + ".pdf",
                        new ByteArrayInputStream(TestFiles.pdf("queued")), null, null, null));
            } catch (RuntimeException e) {
                result.set(e);
            }
        }));
        Thread.sleep(300);
        held.removeFirst().close();
        upload.join(30_000);
        held.forEach(Transfers.Permit::close);
        assertThat(result.get()).isInstanceOf(EvidenceItem.class);
    }

    @Test
    void aVaadinUploadDeclaredOverTheLimitIsRefusedBeforeItsBodyIsReadWithDemarcsMessage() throws Exception {
        var user = new VaadinHttpUser("http://localhost:" + port, http);
        user.login("alice", PASSWORD);
        user.open("evidence/" + paymentsRow.id().value());
        String target = uploadTarget(user.lastResponse().toString());
        var counts = counts();
        var spooled = spooledFiles();

        var raw = RawRequest.send(port, "POST", "/" + target, user.cookieHeader(), "application/pdf",
                Map.of("X-Filename", "huge.pdf"), 50L << 20, 16 * 1024);
        assertThat(raw.body()).contains("larger than the limit of 8 MB").contains("nothing was stored");
        assertThat(counts()).isEqualTo(counts);
        assertThat(spooledFiles()).isEqualTo(spooled);

        var multipart = RawRequest.send(port, "POST", "/" + target, user.cookieHeader(),
                "multipart/form-data; boundary=demarc", Map.of(), 50L << 20, 16 * 1024);
        assertThat(multipart.status()).isEqualTo(413);
        assertThat(multipart.contentType()).startsWith("text/plain");
        assertThat(multipart.body()).contains("larger than the limit of 8 MB").doesNotContain("<html");
        assertThat(counts()).isEqualTo(counts);
    }

    // --- one noisy member ------------------------------------------------------------------------------------------

    /**
     * The measured goal of issue 13: while alice runs 30 parallel downloads and 12 uploads at 20 KB/s (and bob and
     * the manager 4 slow downloads each, so the transfers admitted outnumber the 10 pooled connections), the auditor
     * keeps signing in and opening pages. Every one of the auditor's requests must succeed; the p95 is printed (the
     * target is 1 s; the assertion allows 3 s for a loaded 2-core build machine). Figures: docs/benchmarks.md.
     */
    @Test
    void oneNoisyMemberWithThirtyDownloadsAndTwelveUploadsAtTwentyKbPerSecondDoesNotStallAnyoneElse() throws Exception {
        int rate = 20 * 1024;
        var downloads = new ArrayList<SlowDownload>();
        var uploads = new ArrayList<Thread>();
        var uploadAnswers = new java.util.concurrent.ConcurrentLinkedQueue<RawRequest>();
        var uploadErrors = new java.util.concurrent.ConcurrentLinkedQueue<IOException>();
        var timings = new ArrayList<Double>();
        long countBefore = count("evidence_version");
        try {
            // 12 uploads, each from its own evidence page (one vaadin-upload runs a bounded number at once itself)
            for (int i = 0; i < 12; i++) {
                var page = new VaadinHttpUser("http://localhost:" + port, http);
                page.login("alice", PASSWORD);
                page.open("evidence/" + paymentsRow.id().value());
                String target = "/" + uploadTarget(page.lastResponse().toString());
                String cookie = page.cookieHeader();
                String name = "noisy-" + i + "-" + System.nanoTime() + ".txt";
                byte[] text = ("noisy upload " + name + "\n").repeat(2500).getBytes();
                uploads.add(Thread.ofVirtual().start(() -> {
                    try {
                        uploadAnswers.add(RawRequest.send(port, "POST", target, cookie, "text/plain",
                                Map.of("X-Filename", name), text.length, text, rate));
                    } catch (IOException e) {
                        uploadErrors.add(e);
                    }
                }));
            }
            awaitTrue(() -> transfers.running("alice") == 4, "alice's first four uploads admitted");
            String aliceCookie = signIn("alice");
            for (int i = 0; i < 30; i++) {
                downloads.add(SlowDownload.start(port, "/files/evidence/" + bigVersion, aliceCookie, rate));
            }
            for (String other : List.of("bob", "manager")) {
                String cookie = signIn(other);
                String path = other.equals("bob") ? "/files/evidence/" + uploadFor("bob", dataRow) : "/files/evidence/" + bigVersion;
                for (int i = 0; i < 4; i++) {
                    downloads.add(SlowDownload.start(port, path, cookie, rate));
                }
            }
            awaitTrue(() -> transfers.running("bob") == 4 && transfers.running("manager") == 4,
                    "bob's and the manager's slow downloads running");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int signIns = 0;
            while (System.nanoTime() < end) {
                var auditor = new VaadinHttpUser("http://localhost:" + port, http);
                long t0 = System.nanoTime();
                auditor.login("auditor", PASSWORD);
                timings.add((System.nanoTime() - t0) / 1e6);
                signIns++;
                for (String route : List.of("", "dashboard", "evidence/" + paymentsRow.id().value())) {
                    timings.add(route.isEmpty() ? auditor.open(route) : auditor.navigate(route));
                }
                auditor.close();
            }
            var sorted = timings.stream().sorted().toList();
            double p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
            double p50 = sorted.get(sorted.size() / 2);
            long refused = downloads.stream().limit(30).filter(d -> d.status() == 429).count();
            System.out.printf(java.util.Locale.ROOT, "[transfer] other user: %d requests (%d sign-ins) all succeeded; "
                            + "p50 %.0f ms, p95 %.0f ms, max %.0f ms; alice's downloads refused with 429: %d of 30; "
                            + "pool active now: %d of 10%n", sorted.size(), signIns, p50, p95, sorted.getLast(), refused,
                    ((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections());
            assertThat(p95).as("p95 of the other user's requests, ms").isLessThan(3000);
            assertThat(refused).as("alice's downloads beyond her 4 transfers").isGreaterThanOrEqualTo(26);
            assertThat(downloads.stream().skip(30)).as("bob's and the manager's downloads stream")
                    .allMatch(d -> d.status() == 200 && d.received() > 0);
        } finally {
            downloads.forEach(SlowDownload::close);
        }
        for (var t : uploads) {
            t.join(60_000);
        }
        var statuses = uploadAnswers.stream().map(RawRequest::status).toList();
        System.out.println("[transfer] alice's 12 upload answers: " + statuses);
        assertThat(uploadErrors).isEmpty();
        assertThat(statuses).hasSize(12).allMatch(s -> s == 200 || s == 422, "stored (200) or refused with a message (422)");
        assertThat(uploadAnswers).filteredOn(r -> r.status() == 422)
                .allMatch(r -> r.body().contains("You have 4 transfers running; wait for one to finish"));
        awaitTrue(() -> transfers.running("alice") == 0, "alice's permits back");
        assertThat(count("evidence_version") - countBefore).as("uploads stored, plus bob's file")
                .isEqualTo(statuses.stream().filter(s -> s == 200).count() + 1);
    }

    long uploadFor(String user, ProjectControl row) {
        var ref = new AtomicReference<Long>();
        as(user, () -> ref.set(evidence.upload(row.id(), null, user + "-big.pdf", TestFiles.pdfOfSize(6L << 20),
                null, null, null).current().id()));
        return ref.get();
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    static String uploadTarget(String uidl) {
        var m = java.util.regex.Pattern.compile("VAADIN/dynamic/resource/[^\"\\\\]+").matcher(uidl);
        assertThat(m.find()).as("the evidence page has an upload target").isTrue();
        return m.group();
    }

    String signIn(String user) throws Exception {
        var u = new VaadinHttpUser("http://localhost:" + port, http);
        u.login(user, PASSWORD);
        return u.cookieHeader();
    }

    HttpResponse<byte[]> get(String cookie, String path, String secFetchSite) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie).GET();
        if (secFetchSite != null) {
            request.header("Sec-Fetch-Site", secFetchSite);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    void as(String username, Runnable work) {
        Actors.runAs((DemarcUser) userDetails.loadUserByUsername(username), work);
    }

    Map<String, Integer> counts() {
        return Map.of("item", count("evidence_item"), "version", count("evidence_version"),
                "content", count("evidence_content"), "chunk", count("evidence_chunk"));
    }

    int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    long lastAuditSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_log").query(Long.class).single();
    }

    List<String> auditSince(long seq, String action) {
        return jdbc.sql("select summary from audit_log where seq > :s and action = :a").param("s", seq).param("a", action)
                .query(String.class).list();
    }

    static long spooledFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("demarc-upload-")).count();
        }
    }

    static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A PDF stream that delivers {@code before} bytes, waits at the gate (a client gone slow), then the rest. */
    static InputStream gated(CountDownLatch gate, long before, long total) {
        var delegate = TestFiles.pdfOfSize(total);
        return new InputStream() {
            long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == before) {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = delegate.read(b, off, (int) Math.min(len, pos < before ? before - pos : Integer.MAX_VALUE));
                if (n > 0) {
                    pos += n;
                }
                return n;
            }
        };
    }
}
