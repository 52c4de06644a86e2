package com.demarc.evidence;

import com.demarc.project.ProjectControl;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DemarcTest
class EvidenceServiceTest {
    @Autowired
    EvidenceService evidence;
    @Autowired
    AuditPackageService packages;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private ProjectControl paymentsRow() {
        return fixtures.row(fixtures.project("Payments", "Evidence", "EC2", "S3"), "SRM-IAM-02");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Map<String, Integer> counts() {
        return Map.of("item", count("evidence_item"), "version", count("evidence_version"),
                "content", count("evidence_content"), "chunk", count("evidence_chunk"));
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private byte[] download(long versionId) throws IOException {
        var d = evidence.download(versionId);
        try (InputStream in = d.content().open()) {
            return in.readAllBytes();
        }
    }

    @Test
    @WithUserDetails("alice")
    void theEvidenceStateOfAPageComesFromTheEvidenceModuleWithinTheUsersScope() {
        var linked = paymentsRow();
        var bare = paymentsRow();
        evidence.addLink(linked.id(), "Access review", "https://example.com/review", "", null, null);
        assertThat(evidence.states(List.of(linked, bare))).containsExactly(
                Map.entry(linked.id(), com.demarc.project.EvidenceState.SUBMITTED),
                Map.entry(bare.id(), com.demarc.project.EvidenceState.NONE));
        var otherTeams = fixtures.row(fixtures.project("Data Platform", "Evidence", "EC2"), "SRM-IAM-02");
        assertThatThrownBy(() -> evidence.states(List.of(linked, otherTeams)))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("alice")
    void aPdfIsStoredWithItsSha256AndComesBackByteIdentical() throws Exception {
        var row = paymentsRow();
        byte[] pdf = TestFiles.pdf("MFA policy");
        var item = evidence.upload(row.id(), null, "mfa-policy.pdf", new ByteArrayInputStream(pdf), "MFA policy",
                LocalDate.now(), LocalDate.now().plusYears(1));
        var v = item.current();
        assertThat(v.sha256()).isEqualTo(sha256(pdf));
        assertThat(v.size()).isEqualTo(pdf.length);
        assertThat(v.contentType()).isEqualTo("application/pdf");
        assertThat(v.uploadedBy()).isEqualTo("alice");
        assertThat(v.reviewState()).isEqualTo(ReviewState.SUBMITTED);
        assertThat(download(v.id())).isEqualTo(pdf);
        assertThat(evidence.verify(v.id()).intact()).isTrue();
    }

    @Test
    @WithUserDetails("alice")
    void aNewUploadSupersedesTheOldWhichStaysReadable() throws Exception {
        var row = paymentsRow();
        byte[] first = TestFiles.pdf("v1");
        byte[] second = TestFiles.pdf("v2, revised");
        var item = evidence.upload(row.id(), null, "policy.pdf", new ByteArrayInputStream(first), null, null, null);
        var updated = evidence.upload(row.id(), item.id(), "policy-v2.pdf", new ByteArrayInputStream(second), null, null, null);
        assertThat(updated.versions()).hasSize(2);
        assertThat(updated.current().number()).isEqualTo(2);
        assertThat(updated.current().fileName()).isEqualTo("policy-v2.pdf");
        assertThat(download(updated.versions().get(1).id())).isEqualTo(first);
        assertThat(download(updated.current().id())).isEqualTo(second);
    }

    private void assertRefusedAndNothingStored(Supplier<Object> upload, String messagePart) {
        var before = counts();
        assertThatThrownBy(upload::get).isInstanceOf(com.demarc.shared.UserFacingException.class)
                .hasMessageContaining(messagePart);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    @WithUserDetails("alice")
    void everyKindOfBadInputIsRefusedWithAClearMessageAndLeavesNothingBehind() throws Exception {
        var row = paymentsRow();
        var id = row.id();
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "setup.pdf",
                new ByteArrayInputStream(TestFiles.exe()), null, null, null), "not accepted (whatever its name says)");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "screenshot.pdf",
                new ByteArrayInputStream(TestFiles.png()), null, null, null), "does not match its name ending in '.pdf'");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "tool.exe",
                new ByteArrayInputStream(TestFiles.exe()), null, null, null), "'.exe' are not accepted");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "empty.txt",
                new ByteArrayInputStream(new byte[0]), null, null, null), "The file is empty");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "../../etc/passwd.txt",
                new ByteArrayInputStream("x".getBytes()), null, null, null), "path separator");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "..secret.txt",
                new ByteArrayInputStream("x".getBytes()), null, null, null), "contains '..'");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "bell\u0007.txt",
                new ByteArrayInputStream("x".getBytes()), null, null, null), "control characters");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "é".repeat(130) + ".txt",
                new ByteArrayInputStream("x".getBytes()), null, null, null), "longer than 255 bytes");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "big.pdf",
                TestFiles.interruptedAfter(3L << 20), null, null, null), "was interrupted");
        assertRefusedAndNothingStored(() -> {
            try {
                return evidence.upload(id, null, "bomb.zip", new ByteArrayInputStream(TestFiles.zipBomb(300L << 20)), null, null, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "zip bomb");
        assertRefusedAndNothingStored(() -> {
            try {
                return evidence.upload(id, null, "many.zip", new ByteArrayInputStream(TestFiles.zipWithEntries(10_001)), null, null, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "more than 10000 entries");
        assertRefusedAndNothingStored(() -> evidence.addLink(id, "Ticket", "javascript:alert(1)", "", null, null),
                "starting with http:// or https://");
        assertRefusedAndNothingStored(() -> evidence.upload(id, null, "policy.pdf",
                new ByteArrayInputStream(TestFiles.pdf("x")), null, LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1)),
                "Valid from must be on or before valid until");
    }

    @Test
    @WithUserDetails("alice")
    void aFileOverTheLimitIsRefusedWhileStreaming() {
        var row = paymentsRow();
        long limit = evidence.maxFileSize();
        assertRefusedAndNothingStored(() -> evidence.upload(row.id(), null, "huge.pdf",
                TestFiles.pdfOfSize(limit + 1), null, null, null), "larger than the limit of 100 MB");
    }

    @Test
    @WithUserDetails("alice")
    void allowedTypesAreRecognisedByContent() throws Exception {
        var row = paymentsRow();
        assertThat(evidence.upload(row.id(), null, "diagram.png", new ByteArrayInputStream(TestFiles.png()), null, null, null)
                .current().contentType()).isEqualTo("image/png");
        assertThat(evidence.upload(row.id(), null, "users.csv", new ByteArrayInputStream("user,mfa\nalice,yes\n".getBytes()),
                null, null, null).current().contentType()).isEqualTo("text/csv");
        assertThat(evidence.upload(row.id(), null, "config.json", new ByteArrayInputStream("{\"mfa\": true}".getBytes()),
                null, null, null).current().contentType()).isEqualTo("application/json");
        assertThat(evidence.upload(row.id(), null, "bundle.zip", new ByteArrayInputStream(TestFiles.zipWithEntries(3)),
                null, null, null).current().contentType()).isEqualTo("application/zip");
        var link = evidence.addLink(row.id(), "Jira ticket", "https://jira.example.com/browse/SEC-12", "MFA rollout", null, null);
        assertThat(link.kind()).isEqualTo("LINK");
    }

    @Test
    @WithUserDetails("bob")
    void membersOfAnotherTeamCannotUploadOrRead() {
        var row = fixtures.row(fixtures.project("Payments", "Not bob's", "EC2"), "SRM-IAM-02");
        assertThatThrownBy(() -> evidence.upload(row.id(), null, "x.pdf", new ByteArrayInputStream(TestFiles.pdf("x")),
                null, null, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> evidence.items(row.id())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("manager")
    void reviewNeedsACommentToRejectAndTheUploaderSeesWhy() throws Exception {
        var row = paymentsRow();
        var item = evidence.upload(row.id(), null, "old.pdf", new ByteArrayInputStream(TestFiles.pdf("old")), null, null, null);
        var v = item.current();
        assertThatThrownBy(() -> evidence.review(v.id(), v.version(), false, " "))
                .isInstanceOf(com.demarc.shared.UserFacingException.class).hasMessageContaining("Say why");
        var rejected = evidence.review(v.id(), v.version(), false, "Covers 2023 only: upload the current policy.");
        assertThat(rejected.reviewState()).isEqualTo(ReviewState.REJECTED);
        assertThat(evidence.items(row.id()).get(0).current().reviewComment()).contains("Covers 2023 only");
        assertThatThrownBy(() -> evidence.review(v.id(), rejected.version(), true, null))
                .hasMessageContaining("already rejected");
    }

    @Test
    @WithUserDetails("alice")
    void membersCannotReview() throws Exception {
        var row = paymentsRow();
        var v = evidence.upload(row.id(), null, "mine.pdf", new ByteArrayInputStream(TestFiles.pdf("x")), null, null, null).current();
        assertThatThrownBy(() -> evidence.review(v.id(), v.version(), true, null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("auditor")
    void auditorsReadAndDownloadButCannotUploadOrDelete() throws Exception {
        var row = paymentsRow();
        long[] ids = new long[2];
        com.demarc.shared.Actors.runAsSystem(java.util.Set.of(com.demarc.shared.Role.MANAGER), () -> {
            var item = evidence.upload(row.id(), null, "a.pdf", new ByteArrayInputStream(TestFiles.pdf("a")), null, null, null);
            ids[0] = item.id();
            ids[1] = item.current().id();
        });
        assertThat(download(ids[1])).isEqualTo(TestFiles.pdf("a"));
        assertThatThrownBy(() -> evidence.upload(row.id(), null, "b.pdf", new ByteArrayInputStream(TestFiles.pdf("b")),
                null, null, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> evidence.delete(ids[0])).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithUserDetails("alice")
    void expiryIsFlaggedThirtyDaysAhead() throws Exception {
        var row = paymentsRow();
        var today = LocalDate.now();
        var soon = evidence.upload(row.id(), null, "soon.pdf", new ByteArrayInputStream(TestFiles.pdf("s")), null,
                today.minusYears(1), today.plusDays(10));
        var later = evidence.upload(row.id(), null, "later.pdf", new ByteArrayInputStream(TestFiles.pdf("l")), null,
                null, today.plusDays(90));
        var gone = evidence.upload(row.id(), null, "gone.pdf", new ByteArrayInputStream(TestFiles.pdf("g")), null,
                null, today.minusDays(1));
        assertThat(soon.expiringSoon(today)).isTrue();
        assertThat(later.expiringSoon(today)).isFalse();
        assertThat(gone.expired(today)).isTrue();
    }

    @Test
    @WithUserDetails("manager")
    void anAuditPackageVerifiesAndOneAlteredByteIsNamed() throws Exception {
        var project = fixtures.project("Payments", "Package", "EC2");
        var row = fixtures.row(project, "SRM-IAM-03");
        byte[] pdf = TestFiles.pdf("root MFA evidence");
        // uploaded by a member, accepted by the manager (nobody accepts their own evidence)
        var alice = (com.demarc.shared.DemarcUser) accounts.loadUserByUsername("alice");
        var uploaded = new java.util.concurrent.atomic.AtomicReference<EvidenceVersion>();
        com.demarc.shared.Actors.runAs(alice, () -> uploaded.set(evidence.upload(row.id(), null, "root-mfa.pdf",
                new ByteArrayInputStream(pdf), null, null, null).current()));
        var v = uploaded.get();
        evidence.review(v.id(), v.version(), true, null);
        var out = new ByteArrayOutputStream();
        packages.write(project.id(), null, out);
        byte[] zip = out.toByteArray();

        var report = packages.verify(new ByteArrayInputStream(zip));
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.filesChecked()).isEqualTo(1);

        String path = "SRM-IAM-03/" + v.id() + "-root-mfa.pdf";
        byte[] tampered = rewrite(zip, path);
        var bad = packages.verify(new ByteArrayInputStream(tampered));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.problems()).singleElement().asString().startsWith(path + ": does not match the manifest");
    }

    @Autowired
    AttestationService attestationService;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService accounts;

    @Test
    @WithUserDetails("manager")
    void anAttestationFileComesBackWithItsTypeAndBytes() throws Exception {
        byte[] pdf = TestFiles.pdf("SOC 2 bridge letter");
        var a = attestationService.create("Bridge letter", "SOC 2 bridge letter", LocalDate.now().minusMonths(6),
                LocalDate.now(), LocalDate.now().plusMonths(3), null, "bridge-letter.pdf", new ByteArrayInputStream(pdf));
        assertThat(a.sha256()).isEqualTo(sha256(pdf));
        var download = attestationService.download(a.id());
        assertThat(download.contentType()).isEqualTo("application/pdf");
        try (var in = download.content().open()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    /** Rebuilds the ZIP with one byte of one entry changed. */
    private static byte[] rewrite(byte[] zip, String path) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip));
             var z = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(path)) {
                    data[data.length / 2] ^= 1;
                }
                z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                z.write(data);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

}
