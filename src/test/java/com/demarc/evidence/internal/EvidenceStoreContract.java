package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceService;
import com.demarc.evidence.EvidenceStorage;
import com.demarc.project.ProjectControl;
import com.demarc.support.Fixtures;
import com.demarc.support.TestFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every external evidence store must do (ADR 0018), run against a real store by each subclass: upload, download,
 * versions, delete after the commit, nothing left by a rollback or a crash (sweeper), verification and a move between
 * stores with every hash checked, resumable.
 */
abstract class EvidenceStoreContract {
    @Autowired
    EvidenceService evidence;
    @Autowired
    EvidenceStorage storage;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RoutingEvidenceStore store;
    @Autowired
    PostgresEvidenceStore postgres;
    @Autowired
    ObjectStores objects;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EvidenceStoreCommands commands;

    abstract String storeName();

    /** Replaces an object's bytes behind Demarc's back (a damaged disk or bucket). */
    abstract void overwrite(String key, byte[] bytes) throws IOException;

    ObjectStore objectStore() {
        return objects.get(storeName());
    }

    private ProjectControl row() {
        return fixtures.row(fixtures.project("Payments", "Store", "EC2", "S3"), "SRM-IAM-02");
    }

    private boolean exists(String key) throws IOException {
        try (InputStream in = objectStore().open(key)) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private byte[] download(long versionId) throws IOException {
        try (var in = evidence.download(versionId).content().open()) {
            return in.readAllBytes();
        }
    }

    private String[] location(long versionId) {
        return jdbc.queryForObject("""
                        select c.store, c.object_key, c.pending_key from evidence_content c
                          join evidence_version v on v.content_id = c.id where v.id = ?""",
                (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, versionId);
    }

    private double count(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    @WithUserDetails("alice")
    void uploadsGoToTheStoreComeBackIdenticalKeepVersionsAndDeleteAfterTheCommit() throws Exception {
        var row = row();
        byte[] first = TestFiles.pdf("first version");
        byte[] second = TestFiles.pdf("second version, longer " + "x".repeat(5000));
        double uploadsBefore = count("demarc.evidence.uploads");
        double bytesBefore = count("demarc.evidence.upload.bytes");

        var item = evidence.upload(row.id(), null, "policy.pdf", new ByteArrayInputStream(first), "Policy", null, null);
        var v1 = item.current();
        String[] at = location(v1.id());
        assertThat(at[0]).isEqualTo(storeName());
        assertThat(at[1]).startsWith(ObjectStore.OBJECT_PREFIX);
        assertThat(at[2]).as("made current after the commit").isNull();
        assertThat(exists(at[1])).isTrue();
        assertThat(download(v1.id())).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from evidence_chunk c join evidence_version v on v.content_id = c.content_id where v.id = ?",
                Integer.class, v1.id())).as("no bytes in PostgreSQL").isZero();

        var item2 = evidence.upload(row.id(), item.id(), "policy.pdf", new ByteArrayInputStream(second), null, null, null);
        assertThat(item2.versions()).hasSize(2);
        assertThat(download(item2.current().id())).isEqualTo(second);
        assertThat(download(v1.id())).isEqualTo(first);
        assertThat(evidence.verify(item2.current().id()).intact()).isTrue();
        String[] at2 = location(item2.current().id());
        assertThat(count("demarc.evidence.uploads") - uploadsBefore).isEqualTo(2);
        assertThat(count("demarc.evidence.upload.bytes") - bytesBefore).isEqualTo(first.length + second.length);

        evidence.delete(item.id());
        assertThat(exists(at[1])).as("deleted after the commit").isFalse();
        assertThat(exists(at2[1])).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from evidence_object_deletion", Integer.class)).isZero();
    }

    @Test
    @WithUserDetails("alice")
    void aRefusedUploadIsCountedByReasonAndLeavesNoObject() throws Exception {
        var row = row();
        double before = count("demarc.evidence.uploads.refused", "reason", "type");
        int pendingBefore = objectStore().pendingBefore(Instant.now().plusSeconds(60)).size();
        assertThatThrownBy(() -> evidence.upload(row.id(), null, "tool.pdf", new ByteArrayInputStream(TestFiles.exe()), null, null, null))
                .hasMessageContaining("not accepted");
        assertThat(count("demarc.evidence.uploads.refused", "reason", "type") - before).isEqualTo(1);
        assertThat(objectStore().pendingBefore(Instant.now().plusSeconds(60))).hasSize(pendingBefore);
    }

    @Test
    void aRolledBackTransactionLeavesNoObjectAndNoRow() throws Exception {
        int rows = jdbc.queryForObject("select count(*) from evidence_content", Integer.class);
        var pendingBefore = objectStore().pendingBefore(Instant.now().plusSeconds(60));
        var stored = new ArrayList<Long>();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            try {
                stored.add(store.store(new ByteArrayInputStream(TestFiles.pdf("rolled back")), 1 << 20).id());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            tx.setRollbackOnly();
        });
        assertThat(stored).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from evidence_content", Integer.class)).isEqualTo(rows);
        assertThat(objectStore().pendingBefore(Instant.now().plusSeconds(60))).containsExactlyInAnyOrderElementsOf(pendingBefore);
    }

    @Test
    @WithUserDetails("admin")
    void theSweeperRemovesObjectsOfUploadsThatNeverCommittedAndFinishesThoseThatDid() throws Exception {
        // a crash after the object was written, before its row committed
        String orphan = ObjectStore.PENDING_PREFIX + UUID.randomUUID();
        objectStore().write(orphan, new ByteArrayInputStream(TestFiles.pdf("orphan")), 1 << 20);
        // a crash after the row committed, before the object was moved to its key
        String name = UUID.randomUUID().toString();
        byte[] bytes = TestFiles.pdf("committed, never moved");
        var written = objectStore().write(ObjectStore.PENDING_PREFIX + name, new ByteArrayInputStream(bytes), 1 << 20);
        long id = jdbc.queryForObject("""
                insert into evidence_content (size_bytes, sha256, chunks, store, object_key, pending_key, created_at)
                values (?, ?, 0, ?, ?, ?, now()) returning id""", Long.class, written.size(),
                written.sha256(), storeName(), ObjectStore.OBJECT_PREFIX + name, ObjectStore.PENDING_PREFIX + name);
        assertThat(store.open(id).readAllBytes()).as("readable while pending").isEqualTo(bytes);

        // inside the grace period nothing is touched
        var early = storage.sweep(Instant.now().minusSeconds(3600));
        assertThat(exists(orphan)).isTrue();

        var sweep = storage.sweep(Instant.now().plusSeconds(5));
        assertThat(exists(orphan)).isFalse();
        assertThat(exists(ObjectStore.PENDING_PREFIX + name)).isFalse();
        assertThat(exists(ObjectStore.OBJECT_PREFIX + name)).isTrue();
        assertThat(jdbc.queryForObject("select pending_key from evidence_content where id = ?", String.class, id)).isNull();
        assertThat(store.open(id).readAllBytes()).isEqualTo(bytes);
        assertThat(sweep.removedPending()).isGreaterThanOrEqualTo(1);
        assertThat(sweep.promoted()).isGreaterThanOrEqualTo(1);
        assertThat(early.removedPending()).isZero();
        store.delete(id);
    }

    @Test
    @WithUserDetails("admin")
    void contentMovesBetweenStoresWithEveryHashCheckedAndTheMoveResumes() throws Exception {
        // content written to PostgreSQL (as before the switch)
        byte[] a = TestFiles.pdf("moved A");
        byte[] b = TestFiles.pdf("moved B " + "y".repeat(3000));
        long idA = new TransactionTemplate(transactionManager).execute(tx -> storePostgres(a));
        long idB = new TransactionTemplate(transactionManager).execute(tx -> storePostgres(b));

        var toStore = storage.migrate("postgres", storeName(), m -> {
        });
        assertThat(toStore.problems()).isEmpty();
        assertThat(toStore.leftInSource()).isZero();
        assertThat(jdbc.queryForObject("select store from evidence_content where id = ?", String.class, idA)).isEqualTo(storeName());
        assertThat(jdbc.queryForObject("select count(*) from evidence_chunk where content_id in (?, ?)", Integer.class, idA, idB)).isZero();
        assertThat(store.open(idA).readAllBytes()).isEqualTo(a);
        assertThat(storage.verifyAll(m -> {
        }).intact()).isTrue();

        // damage B in the store: verify names it, the move back leaves it where it is and says so
        String keyB = jdbc.queryForObject("select object_key from evidence_content where id = ?", String.class, idB);
        overwrite(keyB, TestFiles.pdf("tampered"));
        var mismatches = new ArrayList<String>();
        var verify = storage.verifyAll(mismatches::add);
        assertThat(verify.intact()).isFalse();
        assertThat(mismatches).singleElement().asString().contains("content " + idB);
        assertThat(commands.outcome(new DefaultApplicationArguments("--verify-evidence")).exitCode()).isEqualTo(1);

        var back = storage.migrate(storeName(), "postgres", m -> {
        });
        assertThat(back.problems()).singleElement().asString().contains("content " + idB).contains("SHA-256");
        assertThat(back.complete()).isFalse();
        assertThat(jdbc.queryForObject("select store from evidence_content where id = ?", String.class, idA)).isEqualTo("postgres");
        assertThat(jdbc.queryForObject("select store from evidence_content where id = ?", String.class, idB)).isEqualTo(storeName());

        // repaired (restored from backup), the same command resumes and finishes
        overwrite(keyB, b);
        var resumed = storage.migrate(storeName(), "postgres", m -> {
        });
        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.moved()).isGreaterThanOrEqualTo(1);
        assertThat(store.open(idB).readAllBytes()).isEqualTo(b);
        assertThat(exists(keyB)).as("source removed after the commit").isFalse();
        var outcome = commands.outcome(new DefaultApplicationArguments("--verify-evidence"));
        assertThat(outcome.exitCode()).as(outcome.sentence()).isZero();
        store.delete(idA);
        store.delete(idB);
    }

    private long storePostgres(byte[] bytes) {
        try {
            return postgres.store(new ByteArrayInputStream(bytes), 1 << 20).id();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
