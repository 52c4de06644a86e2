package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The {@link EvidenceStore}: new content goes to the active store ({@code demarc.evidence.store}); content is read
 * from and deleted in the store its {@code evidence_content} row names, so content stays readable across a switch
 * and during a move. For filesystem and s3 (ADR 0018): the bytes go under a pending key, the row is written in the
 * caller's transaction, and only after it commits is the object moved to its key (a rollback deletes it; a crash
 * leaves it to {@link EvidenceStoreSweeper}). A deleted row's objects are queued in the same transaction and removed
 * after the commit.
 */
@Component
class RoutingEvidenceStore implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(RoutingEvidenceStore.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PostgresEvidenceStore postgres;
    private final ObjectStores objects;

    RoutingEvidenceStore(JdbcTemplate jdbc, DataSource dataSource, PostgresEvidenceStore postgres, ObjectStores objects) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.objects = objects;
    }

    @Override
    public StoredContent store(InputStream in, long maxBytes) throws IOException {
        if (objects.active().equals(StoreSettings.POSTGRES)) {
            return postgres.store(in, maxBytes);
        }
        var store = objects.get(objects.active());
        String name = UUID.randomUUID().toString();
        String pending = ObjectStore.PENDING_PREFIX + name;
        String key = ObjectStore.OBJECT_PREFIX + name;
        var written = store.write(pending, in, maxBytes);
        long id;
        try {
            id = jdbc.queryForObject("""
                    insert into evidence_content (size_bytes, sha256, chunks, store, object_key, pending_key)
                    values (?, ?, 0, ?, ?, ?) returning id""", Long.class, written.size(), written.sha256(), store.name(), key, pending);
        } catch (RuntimeException e) {
            deleteQuietly(store, pending);
            throw e;
        }
        afterCommit(() -> promote(store, id, pending, key, written.sha256()), () -> deleteQuietly(store, pending));
        return new StoredContent(id, written.size(), written.sha256());
    }

    /** A content row's location. */
    record Location(long id, String store, String objectKey, String pendingKey) {
    }

    Location location(long contentId) {
        return jdbc.query("select id, store, object_key, pending_key from evidence_content where id = ?",
                (rs, n) -> new Location(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), contentId)
                .stream().findFirst().orElseThrow(() -> new UncheckedIOException(new NoSuchFileException("evidence content " + contentId)));
    }

    @Override
    public InputStream open(long contentId) {
        var at = location(contentId);
        if (at.store().equals(StoreSettings.POSTGRES)) {
            return postgres.open(contentId);
        }
        var store = objects.get(at.store());
        try {
            if (at.pendingKey() != null) {
                try {
                    return store.open(at.pendingKey());
                } catch (NoSuchFileException e) {
                    // promoted since the row was read
                }
            }
            return store.open(at.objectKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(long contentId) {
        var at = location(contentId);
        if (at.store().equals(StoreSettings.POSTGRES)) {
            postgres.delete(contentId);
            return;
        }
        jdbc.update("delete from evidence_content where id = ?", contentId);
        queueDeletion(at.store(), at.objectKey(), at.pendingKey());
    }

    /** Queues objects for deletion in the caller's transaction and deletes them after it commits. */
    void queueDeletion(String storeName, String... keys) {
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            Long queued = jdbc.queryForObject("insert into evidence_object_deletion (store, object_key) values (?, ?) returning id",
                    Long.class, storeName, key);
            afterCommit(() -> processDeletion(queued, storeName, key), () -> {
            });
        }
    }

    /** Deletes a queued object and its queue row; false (left for the sweeper) when the store failed. */
    boolean processDeletion(long queued, String storeName, String key) {
        try {
            objects.get(storeName).delete(key);
            autocommit("delete from evidence_object_deletion where id = ?", queued);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Evidence object {} in store {} could not be deleted yet ({}); the sweeper retries", key, storeName, e.getMessage());
            return false;
        }
    }

    /** Moves an object from its pending key to its key and records that; false (left for the sweeper) on failure. */
    boolean promote(ObjectStore store, long id, String pending, String key, String sha256) {
        try {
            try {
                store.move(pending, key, sha256);
            } catch (NoSuchFileException e) {
                store.open(key).close(); // already moved (a retry): fine if the object is there
            }
            autocommit("update evidence_content set pending_key = null where id = ? and pending_key = ?", id, pending);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Evidence content {} stays under its pending key {} for now ({}); the sweeper retries", id, pending, e.getMessage());
            return false;
        }
    }

    /** After the commit the transaction's connection is done: a statement of its own on a fresh connection. */
    private void autocommit(String sql, Object... args) {
        try (var con = dataSource.getConnection()) {
            con.setAutoCommit(true);
            try (var ps = con.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void afterCommit(Runnable onCommit, Runnable onRollback) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            onCommit.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    onCommit.run();
                } else {
                    onRollback.run();
                }
            }
        });
    }

    static void deleteQuietly(ObjectStore store, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Pending evidence object {} could not be deleted ({}); the sweeper removes it after the grace period", key, e.getMessage());
        }
    }

    List<String> storesInUse() {
        return jdbc.queryForList("""
                select s from (values ('filesystem'), ('s3')) v (s)
                 where exists (select 1 from evidence_content c where c.store = v.s)
                    or exists (select 1 from evidence_object_deletion d where d.store = v.s)""", String.class);
    }
}
