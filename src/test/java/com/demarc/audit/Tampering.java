package com.demarc.audit;

import com.demarc.audit.internal.AuditRepository;
import com.demarc.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * An attacker with the owner (or superuser) login, as a test sees one: one transaction on its own connection with the
 * audit tables' triggers switched off; verification reads what that transaction sees; closing rolls it all back, so
 * the real log stays intact for the other tests.
 */
public final class Tampering implements AutoCloseable {
    private final Connection owner;
    private final JdbcClient sql;
    private final AuditRepository repository;

    private Tampering(Connection owner) {
        this.owner = owner;
        var dataSource = new SingleConnectionDataSource(owner, true);
        this.sql = JdbcClient.create(dataSource);
        this.repository = new AuditRepository(sql, new JdbcTemplate(dataSource));
    }

    public static Tampering begin() throws SQLException {
        var connection = TestDatabase.ownerConnection();
        connection.setAutoCommit(false);
        var tampering = new Tampering(connection);
        tampering.sql.sql("set local lock_timeout = '20s'").update();
        tampering.sql.sql("alter table audit_log disable trigger user").update();
        tampering.sql.sql("alter table audit_checkpoint disable trigger user").update();
        return tampering;
    }

    /** SQL as the owner, inside the attack's transaction. */
    public JdbcClient sql() {
        return sql;
    }

    /** What {@link AuditLog#verify()} reports on the tampered database. */
    public ChainReport verify(AuditSigner signer, long checkpointEvery) {
        return AuditLog.verify(repository, signer, checkpointEvery);
    }

    /** What {@link AuditLog#verifyReceipt(String)} reports on the tampered database. */
    public ChainReport verifyReceipt(AuditSigner signer, long checkpointEvery, String receipt) {
        return AuditLog.verifyReceipt(repository, signer, checkpointEvery, receipt);
    }

    @Override
    public void close() throws SQLException {
        try {
            owner.rollback();
        } finally {
            owner.close();
        }
    }
}
