package com.demarc.audit.internal;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditCheckpoint;
import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditLog;
import com.demarc.audit.AuditSigner;
import com.demarc.audit.Tampering;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed checkpoints anchor the audit chain outside the database: an attacker with the owner login (triggers off)
 * deletes the newest entries, truncates and rebuilds a consistent chain, recomputes it, or forges a checkpoint — and
 * verification, the {@code --verify-audit-log} command (exit code 1) and an exported receipt each report it broken.
 */
@DemarcTest
@WithUserDetails("auditor")
class AuditCheckpointTest {
    @Autowired
    AuditLog audit;
    @Autowired
    AuditSigner signer;
    @Autowired
    JdbcClient jdbc;
    @Value("${demarc.audit.checkpoint-every}")
    long every;
    @TempDir
    Path dir;

    long head;

    @BeforeEach
    void signedHead() {
        for (int i = 0; i < 6; i++) {
            audit.recordIndependently(AuditAction.ACCESS_DENIED, "test", i, "checkpoint test entry " + i);
        }
        head = audit.checkpointHead().orElseThrow().seq();
        assertThat(audit.verify().intact()).as(audit.verify().describe()).isTrue();
    }

    @Test
    void everyNthEntryIsSignedAndTheSignatureChecksOut() {
        long target = (head / every + 1) * every;
        for (long s = head + 1; s <= target; s++) {
            audit.recordIndependently(AuditAction.ACCESS_DENIED, "test", s, "filling up to the next checkpoint");
        }
        var checkpoint = jdbc.sql("select seq, hash, at, key_id, signature from audit_checkpoint where seq = :s").param("s", target)
                .query((rs, n) -> new AuditCheckpoint(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5))).single();
        String entryHash = jdbc.sql("select hash from audit_log where seq = :s").param("s", target).query(String.class).single();
        assertThat(checkpoint.hash()).isEqualTo(entryHash);
        assertThat(checkpoint.keyId()).isEqualTo(signer.keyId());
        assertThat(signer.verify(checkpoint.payload(), checkpoint.signature())).isTrue();
        var report = audit.verify();
        assertThat(report.intact()).as(report.describe()).isTrue();
        assertThat(report.describe()).contains("signed checkpoints valid");
    }

    @Test
    void twoNodesSigningTheHeadAtOnceWriteOneCheckpoint() throws Exception {
        audit.recordIndependently(AuditAction.ACCESS_DENIED, "test", "nodes", "a new head");
        var start = new CountDownLatch(1);
        var first = CompletableFuture.supplyAsync(() -> await(start));
        var second = CompletableFuture.supplyAsync(() -> await(start));
        start.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(head + 1);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(head + 1);
        assertThat(jdbc.sql("select count(*) from audit_checkpoint where seq = :s").param("s", head + 1).query(Long.class).single())
                .isEqualTo(1);
    }

    private long await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return audit.checkpointHead().orElseThrow().seq();
    }

    @Test
    void deletingTheNewestEntriesIsDetected() throws Exception {
        try (var attacker = Tampering.begin()) {
            attacker.sql().sql("delete from audit_log where seq > :s").param("s", head - 3).update();
            var report = attacker.verify(signer, every);
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSeq()).isEqualTo(head);
            assertThat(report.problem()).contains("no longer exists").contains("newest entries were deleted");
            assertBrokenFromTheCommandLine(attacker, null);
        }
    }

    @Test
    void truncatingAndRebuildingAConsistentChainIsDetected() throws Exception {
        try (var attacker = Tampering.begin()) {
            attacker.sql().sql("truncate audit_log").update();
            String prev = AuditEntry.GENESIS;
            for (long seq = 1; seq <= 3; seq++) {
                var entry = new AuditEntry(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), "admin", null,
                        "LOGIN", "user", "admin", "a clean history", null, null, prev, null);
                prev = insert(attacker, entry);
            }
            var report = attacker.verify(signer, every);
            assertThat(report.intact()).as("the rebuilt chain is consistent in itself, but not with the signed checkpoints").isFalse();
            assertThat(report.problem()).contains("checkpoint");
            assertBrokenFromTheCommandLine(attacker, null);
        }
    }

    @Test
    void recomputingTheWholeChainIsDetected() throws Exception {
        try (var attacker = Tampering.begin()) {
            long from = head - 4;
            recompute(attacker, from);
            var report = attacker.verify(signer, every);
            assertThat(report.intact()).isFalse();
            assertThat(report.problem()).contains("no longer has the hash signed in the checkpoint");
            assertBrokenFromTheCommandLine(attacker, null);
        }
    }

    @Test
    void aForgedCheckpointIsDetected() throws Exception {
        try (var attacker = Tampering.begin()) {
            long from = head - 4;
            String newHead = recompute(attacker, from);
            // cover the rewrite: replace the checkpoints from there on with one signed by the attacker's own key
            attacker.sql().sql("delete from audit_checkpoint where seq >= :s").param("s", from).update();
            var forged = new AuditCheckpoint(head, newHead, Instant.now(), signer.keyId(), "");
            var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            var signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(forged.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            attacker.sql().sql("insert into audit_checkpoint (seq, hash, at, key_id, signature) values (:s, :h, :a, :k, :g)")
                    .param("s", head).param("h", newHead).param("a", Timestamp.from(forged.at())).param("k", signer.keyId())
                    .param("g", Base64.getEncoder().encodeToString(signature.sign())).update();
            var report = attacker.verify(signer, every);
            assertThat(report.intact()).isFalse();
            assertThat(report.firstBrokenSeq()).isEqualTo(head);
            assertThat(report.problem()).contains("no valid signature");
            assertBrokenFromTheCommandLine(attacker, null);
        }
    }

    @Test
    void aReceiptStillCatchesTheRewriteWhenTheCheckpointsAreGoneToo() throws Exception {
        String receipt = audit.receipt();
        assertThat(receipt).contains("\"seq\":" + head).contains("\"keyId\":\"" + signer.keyId() + "\"").contains("\"signature\":");
        Path file = Files.writeString(dir.resolve("receipt.json"), receipt);
        var intact = VerifyAuditLogCommand.outcome(audit::verify, audit::verifyReceipt, file.toString());
        assertThat(intact.exitCode()).as(intact.sentence()).isZero();
        assertThat(intact.sentence()).endsWith("The receipt matches.");
        try (var attacker = Tampering.begin()) {
            attacker.sql().sql("delete from audit_log where seq > :s").param("s", head - 2).update();
            attacker.sql().sql("truncate audit_checkpoint").update();
            var report = attacker.verifyReceipt(signer, every, receipt);
            assertThat(report.intact()).isFalse();
            assertBrokenFromTheCommandLine(attacker, file);
        }
    }

    @Test
    void anAlteredReceiptOrAnotherFileIsRefused() throws Exception {
        String receipt = audit.receipt();
        String otherHash = "f".repeat(64);
        Path altered = Files.writeString(dir.resolve("altered.json"),
                receipt.replaceFirst("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + otherHash + "\""));
        var outcome = VerifyAuditLogCommand.outcome(audit::verify, audit::verifyReceipt, altered.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.sentence()).contains("signature is not valid");
        Path notAReceipt = Files.writeString(dir.resolve("notes.json"), "{\"seq\": 1}");
        outcome = VerifyAuditLogCommand.outcome(audit::verify, audit::verifyReceipt, notAReceipt.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.sentence()).contains("not a Demarc audit receipt");
        outcome = VerifyAuditLogCommand.outcome(audit::verify, audit::verifyReceipt, dir.resolve("missing.json").toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.sentence()).startsWith("Cannot read the receipt");
    }

    /** The command's verdict on the tampered database: exit code 1 and one sentence naming the entry. */
    private void assertBrokenFromTheCommandLine(Tampering attacker, Path receipt) {
        var outcome = VerifyAuditLogCommand.outcome(() -> attacker.verify(signer, every),
                json -> attacker.verifyReceipt(signer, every, json), receipt == null ? null : receipt.toString());
        assertThat(outcome.exitCode()).as(outcome.sentence()).isEqualTo(1);
        assertThat(outcome.sentence()).startsWith("Audit log broken at entry");
    }

    /** Changes entry {@code from} and recomputes every hash after it, so the chain is consistent again; the new head hash. */
    private String recompute(Tampering attacker, long from) {
        List<AuditEntry> entries = attacker.sql().sql("select * from audit_log where seq >= :s order by seq").param("s", from)
                .query(AuditRepository.ENTRY).list();
        String prev = attacker.sql().sql("select hash from audit_log where seq = :s").param("s", from - 1).query(String.class).single();
        attacker.sql().sql("delete from audit_log where seq >= :s").param("s", from).update();
        for (var e : entries) {
            String summary = e.seq() == from ? "nothing to see here" : e.summary();
            prev = insert(attacker, new AuditEntry(e.seq(), e.at(), e.actor(), e.address(), e.action(), e.entityType(),
                    e.entityId(), summary, e.before(), e.after(), prev, null));
        }
        return prev;
    }

    private static String insert(Tampering attacker, AuditEntry unhashed) {
        String hash = unhashed.computeHash();
        attacker.sql().sql("""
                        insert into audit_log (seq, at, actor, address, action, entity_type, entity_id, summary, before_text,
                               after_text, prev_hash, hash)
                        values (:seq, :at, :actor, :address, :action, :type, :id, :summary, :before, :after, :prev, :hash)""")
                .param("seq", unhashed.seq()).param("at", Timestamp.from(unhashed.at())).param("actor", unhashed.actor())
                .param("address", unhashed.address()).param("action", unhashed.action()).param("type", unhashed.entityType())
                .param("id", unhashed.entityId()).param("summary", unhashed.summary()).param("before", unhashed.before())
                .param("after", unhashed.after()).param("prev", unhashed.prevHash()).param("hash", hash).update();
        return hash;
    }

}
