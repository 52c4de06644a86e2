package com.demarc.evidence;

import com.demarc.audit.AuditFilter;
import com.demarc.audit.AuditLog;
import com.demarc.project.ProjectControl;
import com.demarc.shared.Actors;
import com.demarc.shared.DemarcUser;
import com.demarc.shared.Role;
import com.demarc.shared.UserFacingException;
import com.demarc.support.CraftedZip;
import com.demarc.support.DemarcTest;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Evidence content and integrity attacks (issue 13, part h4): smuggled archives and look-alike names through the real
 * upload, self-acceptance, a validity change behind the reviewer's back, and audit packages altered together with
 * their manifest, signed by someone else, or built to exhaust the heap.
 */
@DemarcTest
class EvidenceIntegrityTest {
    @Autowired
    EvidenceService evidence;
    @Autowired
    AuditPackageService packages;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    UserDetailsService accounts;

    private DemarcUser user(String name) {
        return (DemarcUser) accounts.loadUserByUsername(name);
    }

    private EvidenceItem uploadAs(String username, ProjectControl row, String fileName, byte[] content, String title) {
        var ref = new AtomicReference<EvidenceItem>();
        Actors.runAs(user(username), () -> ref.set(evidence.upload(row.id(), null, fileName,
                new ByteArrayInputStream(content), title, null, null)));
        return ref.get();
    }

    private int versions() {
        return jdbc.sql("select count(*) from evidence_version").query(Integer.class).single();
    }

    private java.util.List<com.demarc.audit.AuditEntry> entries(String action) {
        var ref = new AtomicReference<java.util.List<com.demarc.audit.AuditEntry>>();
        Actors.runAsSystem(Set.of(Role.AUDITOR), () -> ref.set(audit.find(new AuditFilter(null, action, null, null, null), 0, 50)));
        return ref.get();
    }

    @Test
    @WithUserDetails("alice")
    void anArchiveWithAnEntryHiddenAfterJunkIsRefusedOnUploadAndNothingIsStored() {
        var row = fixtures.row(fixtures.project("Payments", "Smuggle", "EC2"), "SRM-IAM-02");
        byte[] zip = CraftedZip.create().add(CraftedZip.deflated("readme.txt", "hello".getBytes()))
                .junk(32).add(CraftedZip.zeros("zeros.bin", 64L << 20)).finish();
        int before = versions();
        assertThatThrownBy(() -> evidence.upload(row.id(), null, "logs.zip", new ByteArrayInputStream(zip), null, null, null))
                .isInstanceOf(EvidenceRefused.class).hasMessageContaining("bytes hidden between entries");
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    @WithUserDetails("alice")
    void aNameThatShowsAsAnotherTypeIsRefusedAndNothingIsStored() {
        var row = fixtures.row(fixtures.project("Payments", "Bidi", "EC2"), "SRM-IAM-02");
        int before = versions();
        assertThatThrownBy(() -> evidence.upload(row.id(), null, "contract\u202Efdp.zip",
                new ByteArrayInputStream(TestFiles.zipWithEntries(1)), null, null, null))
                .isInstanceOf(EvidenceRefused.class).hasMessageContaining("U+202E");
        assertThat(versions()).isEqualTo(before);
        var stored = evidence.upload(row.id(), null, "re\u0301sume\u0301.pdf", new ByteArrayInputStream(TestFiles.pdf("cv")),
                null, null, null);
        assertThat(stored.current().fileName()).isEqualTo("r\u00e9sum\u00e9.pdf");
    }

    @Test
    @WithUserDetails("manager")
    void nobodyAcceptsEvidenceTheyUploadedAndTheAttemptIsAudited() throws Exception {
        var row = fixtures.row(fixtures.project("Payments", "Duties", "EC2"), "SRM-IAM-02");
        var v = evidence.upload(row.id(), null, "own.pdf", new ByteArrayInputStream(TestFiles.pdf("mine")), null, null, null)
                .current();
        assertThatThrownBy(() -> evidence.review(v.id(), v.version(), true, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("someone else must accept it");
        assertThat(evidence.items(row.id()).get(0).current().reviewState()).isEqualTo(ReviewState.SUBMITTED);
        assertThat(entries("EVIDENCE_SELF_REVIEW_REFUSED")).anySatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(String.valueOf(v.id()));
            assertThat(e.actor()).isEqualTo("manager");
        });
        // someone else may
        Actors.runAsSystem(Set.of(Role.MANAGER), () -> evidence.review(v.id(), v.version(), true, null));
        assertThat(evidence.items(row.id()).get(0).current().reviewState()).isEqualTo(ReviewState.ACCEPTED);
    }

    @Test
    @WithUserDetails("manager")
    void changingTheValidityOfAcceptedEvidenceReturnsItToReviewAndIsAudited() throws Exception {
        var row = fixtures.row(fixtures.project("Payments", "Validity", "EC2"), "SRM-IAM-02");
        var item = uploadAs("alice", row, "valid.pdf", TestFiles.pdf("valid"), null);
        var v = item.current();
        evidence.review(v.id(), v.version(), true, null);
        var accepted = evidence.items(row.id()).get(0);
        assertThat(accepted.current().reviewState()).isEqualTo(ReviewState.ACCEPTED);

        var ref = new AtomicReference<EvidenceItem>();
        Actors.runAs(user("alice"), () -> ref.set(evidence.setValidity(accepted.id(), accepted.version(),
                LocalDate.now().minusYears(5), LocalDate.now().plusYears(10))));
        var changed = ref.get();
        assertThat(changed.current().reviewState()).isEqualTo(ReviewState.SUBMITTED);
        assertThat(changed.current().reviewComment()).contains("Returned to review");
        assertThat(entries("EVIDENCE_VALIDITY_CHANGED")).anySatisfy(e -> {
            assertThat(e.entityId()).isEqualTo(String.valueOf(accepted.id()));
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.after()).contains("ACCEPTED -> SUBMITTED").contains(LocalDate.now().plusYears(10).toString());
        });
        // it is back in the manager's queue
        assertThat(evidence.reviewQueue(0, 1000)).anyMatch(r -> r.version().id() == v.id());
    }

    @Test
    @WithUserDetails("manager")
    void rejectedEvidenceComesBackToItsUploaderWithItsItemAndControl() {
        var project = fixtures.project("Payments", "Rejected " + java.util.UUID.randomUUID().toString().substring(0, 6), "EC2");
        var rows = java.util.List.of(fixtures.row(project, "SRM-IAM-01"), fixtures.row(project, "SRM-IAM-02"),
                fixtures.row(project, "SRM-IAM-03"));
        var uploaded = new java.util.ArrayList<EvidenceItem>();
        for (int i = 0; i < rows.size(); i++) {
            uploaded.add(uploadAs("alice", rows.get(i), "policy-" + i + ".pdf", TestFiles.pdf("policy " + i), "Policy " + i));
        }
        for (var item : uploaded) {
            evidence.review(item.current().id(), item.current().version(), false, "Unsigned: " + item.title());
        }
        var mine = new AtomicReference<java.util.List<EvidenceService.ReviewItem>>();
        Actors.runAs(user("alice"), () -> mine.set(evidence.myRejected(100)));
        var ours = mine.get().stream().filter(r -> r.control().data().projectId().equals(project.id())).toList();
        assertThat(ours).extracting(r -> r.item().title(), r -> r.control().data().code(), r -> r.version().reviewComment())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Policy 0", "SRM-IAM-01", "Unsigned: Policy 0"),
                        org.assertj.core.groups.Tuple.tuple("Policy 1", "SRM-IAM-02", "Unsigned: Policy 1"),
                        org.assertj.core.groups.Tuple.tuple("Policy 2", "SRM-IAM-03", "Unsigned: Policy 2"));
        ours.forEach(r -> assertThat(r.item().controlId()).isEqualTo(r.control().id()));
        // someone else's rejections are not theirs, and a member of another team sees none of them
        Actors.runAs(user("bob"), () -> assertThat(evidence.myRejected(100))
                .noneMatch(r -> r.control().data().projectId().equals(project.id())));
    }

    @Test
    @WithUserDetails("manager")
    void aVersionSupersededBeforeItsReviewLeavesTheQueueAndCannotBeReviewed() throws Exception {
        var row = fixtures.row(fixtures.project("Payments", "Superseded", "EC2"), "SRM-IAM-02");
        var first = uploadAs("alice", row, "policy-v1.pdf", TestFiles.pdf("policy v1"), null);
        var ref = new AtomicReference<EvidenceItem>();
        Actors.runAs(user("alice"), () -> ref.set(evidence.upload(row.id(), first.id(), "policy-v2.pdf",
                new java.io.ByteArrayInputStream(TestFiles.pdf("policy v2")), null, null, null)));
        var second = ref.get().current();
        var v1 = first.current();

        var queued = evidence.reviewQueue(0, 1000).stream().filter(r -> r.item().id() == first.id()).toList();
        assertThat(queued).as("the item's versions in the review queue").extracting(r -> r.version().id())
                .containsExactly(second.id());
        assertThat(evidence.countReviewQueue()).isEqualTo(evidence.reviewQueue(0, 1000).size());
        assertThatThrownBy(() -> evidence.review(v1.id(), v1.version(), true, null))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Version 2 of this evidence was uploaded since");
        evidence.review(second.id(), second.version(), true, null);
        assertThat(evidence.items(row.id()).get(0).current().reviewState()).isEqualTo(ReviewState.ACCEPTED);
    }

    /** A package with one accepted PDF (uploaded by alice, accepted by the manager) whose title is a formula. */
    private byte[] packageWithOnePdf(String code) throws IOException {
        var project = fixtures.project("Payments", "Package", "EC2");
        var row = fixtures.row(project, code);
        var v = uploadAs("alice", row, "root-mfa.pdf", TestFiles.pdf("root MFA evidence"),
                "=HYPERLINK(\"https://evil.example\",\"open\")").current();
        evidence.review(v.id(), v.version(), true, null);
        var out = new ByteArrayOutputStream();
        packages.write(project.id(), null, out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> entriesOf(byte[] zip) throws IOException {
        var map = new LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                map.put(e.getName(), in.readAllBytes());
            }
        }
        return map;
    }

    private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String pdfPath(Map<String, byte[]> entries) {
        return entries.keySet().stream().filter(n -> n.endsWith("root-mfa.pdf")).findFirst().orElseThrow();
    }

    private static byte[] editManifest(byte[] manifest, UnaryOperator<String> edit) {
        return edit.apply(new String(manifest, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @WithUserDetails("manager")
    void aSignedPackageVerifiesAndItsManifestIsSpreadsheetSafe() throws Exception {
        byte[] zip = packageWithOnePdf("SRM-IAM-03");
        var report = packages.verify(new ByteArrayInputStream(zip));
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.signatureValid()).isTrue();
        assertThat(report.filesChecked()).isEqualTo(1);
        var entries = entriesOf(zip);
        assertThat(new String(entries.get("manifest.sig"), StandardCharsets.UTF_8)).contains("key-id=" + report.keyId());
        try (var parser = CSVParser.builder().setReader(new StringReader(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertThat(parser.getRecords()).anySatisfy(r -> assertThat(r.get("evidence")).startsWith("'=HYPERLINK("));
        }
    }

    @Test
    @WithUserDetails("manager")
    void aFileChangedTogetherWithItsManifestLineIsDetected() throws Exception {
        var entries = entriesOf(packageWithOnePdf("SRM-IAM-03"));
        String path = pdfPath(entries);
        byte[] original = entries.get(path);
        byte[] forged = TestFiles.pdf("root MFA evidence, edited");
        String oldSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original));
        String newSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(forged));
        entries.put(path, forged);
        entries.put("manifest.csv", editManifest(entries.get("manifest.csv"), m -> m.replace(oldSha, newSha)
                .replace("," + original.length + ",", "," + forged.length + ",")));

        var report = packages.verify(new ByteArrayInputStream(zipOf(entries)));
        assertThat(report.ok()).isFalse();
        assertThat(report.signatureValid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("manifest.csv: does not match its signature"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith(path + ": manifest line")
                .contains("but Demarc stored " + oldSha).contains("changed together"));

        // without the signature the package proves nothing either
        entries.remove("manifest.sig");
        var unsigned = packages.verify(new ByteArrayInputStream(zipOf(entries)));
        assertThat(unsigned.ok()).isFalse();
        assertThat(unsigned.problems()).anySatisfy(p -> assertThat(p).startsWith("manifest.sig: missing"));
    }

    /**
     * The app's own database login replaces a stored version (file, hash and size together: the row is deleted and
     * put back with its id, which INSERT allows) and Demarc then signs a package of the forgery: the hash the upload
     * recorded in the append-only audit log still tells. Updating the row in place is refused to the app role
     * (column grants, see AuditRolesTest for the audit tables).
     */
    @Test
    @WithUserDetails("manager")
    void evidenceRewrittenWithTheAppsDatabaseLoginIsDetectedAgainstTheAuditLog() throws Exception {
        var project = fixtures.project("Payments", "Rewritten", "EC2");
        var row = fixtures.row(project, "SRM-IAM-03");
        var v = uploadAs("alice", row, "root-mfa.pdf", TestFiles.pdf("root MFA evidence"), "Root MFA").current();
        evidence.review(v.id(), v.version(), true, null);
        byte[] forged = TestFiles.pdf("root MFA evidence, forged");
        String forgedSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(forged));

        long content = jdbc.sql("insert into evidence_content (size_bytes, sha256, chunks) values (:s, :h, 1) returning id")
                .param("s", forged.length).param("h", forgedSha).query(Long.class).single();
        jdbc.sql("insert into evidence_chunk (content_id, seq, data) values (:c, 0, :d)")
                .param("c", content).param("d", forged).update();
        jdbc.sql("""
                        with old as (delete from evidence_version where id = :id returning *)
                        insert into evidence_version (id, item_id, version_no, content_id, file_name, content_type,
                               size_bytes, sha256, uploaded_by, uploaded_at, review_state, reviewed_by, reviewed_at,
                               review_comment, version)
                        overriding system value
                        select id, item_id, version_no, :c, file_name, content_type, :s, :h, uploaded_by, uploaded_at,
                               review_state, reviewed_by, reviewed_at, review_comment, version from old""")
                .param("id", v.id()).param("c", content).param("s", (long) forged.length).param("h", forgedSha).update();

        var out = new ByteArrayOutputStream();
        packages.write(project.id(), null, out);
        var report = packages.verify(new ByteArrayInputStream(out.toByteArray()));
        assertThat(report.signatureValid()).isTrue();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("the audit log recorded " + v.sha256())
                .contains("the stored evidence was altered"));
    }

    @Test
    @WithUserDetails("manager")
    void aManifestReSignedWithAnotherKeyIsDetected() throws Exception {
        var entries = entriesOf(packageWithOnePdf("SRM-IAM-03"));
        String sig = new String(entries.get("manifest.sig"), StandardCharsets.UTF_8);
        var forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] manifest = editManifest(entries.get("manifest.csv"), m -> m.replace("Accepted", "Accepted"));
        var signature = Signature.getInstance("Ed25519");
        signature.initSign(forger.getPrivate());
        signature.update(manifest);
        String forgedSig = Base64.getEncoder().encodeToString(signature.sign());
        // same key id claimed, another key's signature
        String forgedFile = sig.replaceAll("(?m)^manifest\\.csv=.*$", "manifest.csv=" + forgedSig.replace("\\", "\\\\"));
        entries.put("manifest.sig", forgedFile.getBytes(StandardCharsets.UTF_8));
        var report = packages.verify(new ByteArrayInputStream(zipOf(entries)));
        assertThat(report.signatureValid()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("manifest.csv: does not match its signature"));

        // another key id altogether
        entries.put("manifest.sig", sig.replaceAll("(?m)^key-id=.*$", "key-id=0123456789abcdef").getBytes(StandardCharsets.UTF_8));
        var other = packages.verify(new ByteArrayInputStream(zipOf(entries)));
        assertThat(other.problems()).anySatisfy(p -> assertThat(p).contains("signed with audit key 0123456789abcdef"));
    }

    @Test
    @WithUserDetails("auditor")
    void aZipOfZerosIsRefusedClearlyWithoutExhaustingTheHeap() throws Exception {
        long heapBefore = Runtime.getRuntime().maxMemory();
        var out = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        byte[] bomb = out.toByteArray();
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThatThrownBy(() -> packages.verify(new ByteArrayInputStream(bomb))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("zip bomb").hasMessageContaining("the package was not verified");
        byte[] hidden = CraftedZip.create().add(CraftedZip.deflated("manifest.csv", "path,sha256\n".getBytes()))
                .junk(8).add(CraftedZip.zeros("zeros.bin", 64L << 20)).finish();
        assertThatThrownBy(() -> packages.verify(new ByteArrayInputStream(hidden))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("bytes hidden between entries");
        assertThat(Runtime.getRuntime().maxMemory()).isEqualTo(heapBefore);
    }
}
