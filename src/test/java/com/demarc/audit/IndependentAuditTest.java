package com.demarc.audit;

import com.demarc.support.DemarcTest;
import com.demarc.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security events recorded independently (refusals, failed sign-ins, downloads) never wait for the app's main pool:
 * with every main connection taken they still land at once, and 50 parallel requests that each hold a main connection
 * while recording a refusal all complete with every entry stored (before, they deadlocked the pool and lost 27 of 50).
 */
@DemarcTest
class IndependentAuditTest {
    @Autowired
    AuditLog audit;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aRefusalLandsQuicklyWhileEveryMainConnectionIsHeld() throws Exception {
        var pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        String marker = UUID.randomUUID().toString();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(dataSource.getConnection());
            }
            assertThat(pool.getHikariPoolMXBean().getIdleConnections()).as("the main pool is exhausted").isZero();
            long start = System.nanoTime();
            audit.recordIndependently(AuditAction.ACCESS_DENIED, "file", marker, "refused while the main pool is exhausted");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(entriesFor(marker)).isEqualTo(1);
        } finally {
            for (var c : held) {
                c.close();
            }
        }
    }

    @Test
    void fiftyParallelRefusalsInsideTransactionsAllLand() throws Exception {
        String marker = UUID.randomUUID().toString();
        var tx = new TransactionTemplate(transactions);
        try (var executor = Executors.newFixedThreadPool(50)) {
            List<CompletableFuture<Void>> requests = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                requests.add(CompletableFuture.runAsync(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("select pg_sleep(0.05)").query(Object.class).list(); // holds a main connection, like a download
                    audit.recordIndependently(AuditAction.ACCESS_DENIED, "file", marker, "burst " + n);
                }), executor));
            }
            CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        assertThat(entriesFor(marker)).isEqualTo(50);
    }

    @Test
    void anIndependentEventInATransactionThatHoldsTheAppendLockIsWrittenAfterItEvenOnRollback() throws Exception {
        String change = UUID.randomUUID().toString();
        String refusal = UUID.randomUUID().toString();
        long start = System.nanoTime();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            audit.record(AuditAction.STATUS_CHANGED, "test", change, "a change that is rolled back", null, null);
            audit.recordIndependently(AuditAction.ACCESS_DENIED, "test", refusal, "a refusal in the same request");
            s.setRollbackOnly();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(entriesFor(change)).isZero();
        assertThat(entriesFor(refusal)).isEqualTo(1);
    }

    /** Counted outside every pool, as an auditor's query would. */
    private static long entriesFor(String entityId) throws SQLException {
        try (var c = TestDatabase.appConnection(); var st = c.prepareStatement("select count(*) from audit_log where entity_id = ?")) {
            st.setString(1, entityId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
