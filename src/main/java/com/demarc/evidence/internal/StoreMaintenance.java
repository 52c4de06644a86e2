package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceStorage.MigrationReport;
import com.demarc.evidence.EvidenceStorage.VerifyReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Whole-store work for operators (ADR 0018): checking every stored content against its SHA-256, and moving content
 * from one store to another, one content per transaction, so an interrupted move is resumed by running it again.
 */
@Component
public class StoreMaintenance {
    private static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final RoutingEvidenceStore store;
    private final PostgresEvidenceStore postgres;
    private final ObjectStores objects;
    private final TransactionTemplate transactions;

    StoreMaintenance(JdbcTemplate jdbc, RoutingEvidenceStore store, PostgresEvidenceStore postgres, ObjectStores objects,
                     PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.store = store;
        this.postgres = postgres;
        this.objects = objects;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    private record Content(long id, long size, String sha256, String store, String objectKey, String pendingKey, String names) {
    }

    private List<Content> batch(String storeName, long after) {
        return jdbc.query("""
                        select c.id, c.size_bytes, c.sha256, c.store, c.object_key, c.pending_key,
                               coalesce((select string_agg(v.file_name, ', ') from evidence_version v where v.content_id = c.id),
                                        (select string_agg(a.file_name, ', ') from attestation a where a.content_id = c.id), '?')
                          from evidence_content c
                         where c.id > ? and (cast(? as varchar) is null or c.store = ?)
                         order by c.id limit ?""",
                (rs, n) -> new Content(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), after, storeName, storeName, BATCH);
    }

    /** Streams every content and hashes it; each mismatch (or unreadable content) goes to {@code mismatch}. */
    public VerifyReport verifyAll(Consumer<String> mismatch) {
        long checked = 0;
        long bytes = 0;
        var problems = new ArrayList<String>();
        long after = 0;
        for (var page = batch(null, after); !page.isEmpty(); page = batch(null, after)) {
            for (var c : page) {
                after = c.id();
                checked++;
                String problem;
                try (var in = new DigestInputStream(store.open(c.id()), PostgresEvidenceStore.sha256())) {
                    long size = in.transferTo(java.io.OutputStream.nullOutputStream());
                    bytes += size;
                    String actual = HexFormat.of().formatHex(in.getMessageDigest().digest());
                    problem = actual.equals(c.sha256().strip()) && size == c.size() ? null
                            : "content " + c.id() + " (" + c.names() + ", store " + c.store() + "): stored SHA-256 "
                            + c.sha256().strip() + " and " + c.size() + " bytes, read " + actual + " and " + size + " bytes";
                } catch (IOException | UncheckedIOException e) {
                    problem = "content " + c.id() + " (" + c.names() + ", store " + c.store() + "): cannot be read ("
                            + (e.getCause() != null ? e.getCause() : e) + ")";
                }
                if (problem == null) {
                    Integer disagreeing = jdbc.queryForObject("""
                            select count(*) from evidence_version v where v.content_id = ? and (v.sha256 <> ? or v.size_bytes <> ?)""",
                            Integer.class, c.id(), c.sha256(), c.size());
                    if (disagreeing != null && disagreeing > 0) {
                        problem = "content " + c.id() + " (" + c.names() + "): its evidence version records another SHA-256 or size";
                    }
                }
                if (problem != null) {
                    problems.add(problem);
                    mismatch.accept(problem);
                }
            }
        }
        return new VerifyReport(checked, bytes, List.copyOf(problems));
    }

    /**
     * Moves every content of store {@code from} to store {@code to}: copies it (hashing while streaming), compares
     * size and SHA-256 with its row, then switches the row in one transaction and removes the source after the
     * commit. A content whose hash differs stays where it is and is reported.
     */
    public MigrationReport migrate(String from, String to, Consumer<String> progress) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to name the same store (" + from + "): nothing to move.");
        }
        for (String name : List.of(from, to)) {
            if (!name.equals(StoreSettings.POSTGRES)) {
                objects.get(name); // fails with what to set when the store is not configured
            }
        }
        long moved = 0;
        long bytes = 0;
        var problems = new ArrayList<String>();
        long after = 0;
        for (var page = batch(from, after); !page.isEmpty(); page = batch(from, after)) {
            for (var c : page) {
                after = c.id();
                try {
                    if (moveOne(c, from, to)) {
                        moved++;
                        bytes += c.size();
                        if (moved % 100 == 0) {
                            progress.accept("moved " + moved + " contents (" + bytes / (1024 * 1024) + " MB)");
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    String problem = "content " + c.id() + " (" + c.names() + "): not moved, " + e.getMessage();
                    problems.add(problem);
                    progress.accept(problem);
                }
            }
        }
        Long left = jdbc.queryForObject("select count(*) from evidence_content where store = ?", Long.class, from);
        return new MigrationReport(from, to, moved, bytes, left == null ? 0 : left, List.copyOf(problems));
    }

    private boolean moveOne(Content c, String from, String to) throws IOException {
        String expected = c.sha256().strip();
        if (to.equals(StoreSettings.POSTGRES)) {
            Boolean done = transactions.execute(tx -> {
                try (InputStream in = store.open(c.id())) {
                    var chunks = postgres.writeChunks(c.id(), in, Long.MAX_VALUE);
                    check(c, chunks.size(), chunks.sha256());
                    int n = jdbc.update("""
                            update evidence_content set store = 'postgres', chunks = ?, object_key = null, pending_key = null
                             where id = ? and store = ?""", chunks.chunks(), c.id(), from);
                    if (n == 0) {
                        tx.setRollbackOnly();
                        return false;
                    }
                    store.queueDeletion(from, c.objectKey(), c.pendingKey());
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return Boolean.TRUE.equals(done);
        }
        var target = objects.get(to);
        String name = UUID.randomUUID().toString();
        String pending = ObjectStore.PENDING_PREFIX + name;
        String key = ObjectStore.OBJECT_PREFIX + name;
        ObjectStore.Written written;
        try (InputStream in = store.open(c.id())) {
            written = target.write(pending, in, Long.MAX_VALUE);
        }
        try {
            check(c, written.size(), written.sha256());
        } catch (RuntimeException e) {
            RoutingEvidenceStore.deleteQuietly(target, pending);
            throw e;
        }
        Boolean done = transactions.execute(tx -> {
            int n = jdbc.update("""
                    update evidence_content set store = ?, chunks = 0, object_key = ?, pending_key = ?
                     where id = ? and store = ?""", to, key, pending, c.id(), from);
            if (n == 0) {
                tx.setRollbackOnly();
                return false; // deleted or moved meanwhile
            }
            if (from.equals(StoreSettings.POSTGRES)) {
                jdbc.update("delete from evidence_chunk where content_id = ?", c.id());
            } else {
                store.queueDeletion(from, c.objectKey(), c.pendingKey());
            }
            RoutingEvidenceStore.afterCommit(() -> store.promote(target, c.id(), pending, key, expected), () -> {
            });
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            RoutingEvidenceStore.deleteQuietly(target, pending);
            return false;
        }
        return true;
    }

    private static void check(Content c, long size, String sha256) {
        if (size != c.size() || !sha256.equals(c.sha256().strip())) {
            throw new IllegalStateException("the copy has SHA-256 " + sha256 + " and " + size + " bytes, the row records "
                    + c.sha256().strip() + " and " + c.size() + " bytes: the source content is damaged (run --verify-evidence)");
        }
    }
}
