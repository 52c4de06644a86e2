package com.demarc.audit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The audit log's own tiny connection pool, for events that must be recorded independently of the caller (refusals,
 * failed sign-ins, downloads): recording one never waits for the app's main pool, so a busy or exhausted main pool
 * cannot lose a security event or deadlock on it. Deliberately not a DataSource bean (that would replace Spring
 * Boot's main one); same database and credentials as the main pool.
 */
@Component
public class AuditPool {
    private final HikariDataSource dataSource;
    private final AuditRepository repository;
    private final TransactionTemplate transactions;
    private final Duration lockTimeout;

    AuditPool(JdbcConnectionDetails connection,
              @Value("${demarc.audit.pool-size:4}") int poolSize,
              @Value("${demarc.audit.pool-timeout:30s}") Duration timeout) {
        var config = new HikariConfig();
        config.setPoolName("demarc-audit");
        config.setJdbcUrl(connection.getJdbcUrl());
        config.setUsername(connection.getUsername());
        config.setPassword(connection.getPassword());
        if (connection.getDriverClassName() != null) {
            config.setDriverClassName(connection.getDriverClassName());
        }
        config.setMaximumPoolSize(Math.max(1, poolSize));
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setInitializationFailTimeout(-1); // connect on first use, not at start-up
        this.dataSource = new HikariDataSource(config);
        this.repository = new AuditRepository(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.lockTimeout = timeout.multipliedBy(2);
    }

    /** Runs work in its own transaction on the audit pool, with the append lock taken (waiting at most a bounded time). */
    public void appendInOwnTransaction(Consumer<AuditRepository> work) {
        transactions.executeWithoutResult(status -> {
            repository.lockForAppend(lockTimeout);
            work.accept(repository);
        });
    }

    @PreDestroy
    void close() {
        dataSource.close();
    }
}
