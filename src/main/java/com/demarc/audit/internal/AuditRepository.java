package com.demarc.audit.internal;

import com.demarc.audit.AuditCheckpoint;
import com.demarc.audit.AuditEntry;
import com.demarc.audit.AuditFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SQL for the audit log and its signed checkpoints: appends under an advisory lock, filtered pages, and a streaming
 * walk in order. One instance works on the app's pool (in the caller's transaction), another on the audit pool.
 */
@Repository
public class AuditRepository {
    private static final long APPEND_LOCK = 0x44454d41524341L; // "DEMARCA"

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public AuditRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Serialises appends so every entry's previous hash is the one before it (held until the transaction ends). */
    public void lockForAppend() {
        jdbc.sql("select pg_advisory_xact_lock(:k)").param("k", APPEND_LOCK).query(Object.class).single();
    }

    /** Like {@link #lockForAppend()}, but gives up after the timeout instead of waiting for ever. */
    public void lockForAppend(java.time.Duration timeout) {
        jdbc.sql("select set_config('lock_timeout', :t, true)").param("t", timeout.toMillis() + "ms").query(String.class).single();
        lockForAppend();
    }

    /** The after-text of the newest entry of the action on the entity (index audit_log_entity_idx). */
    public Optional<String> recordedAfter(String action, String entityType, String entityId) {
        return jdbc.sql("""
                        select after_text from audit_log where entity_type = :t and entity_id = :id and action = :a
                         order by seq desc limit 1""")
                .param("t", entityType).param("id", entityId).param("a", action).query(String.class).optional();
    }

    public Optional<AuditEntry> last() {
        return jdbc.sql("select * from audit_log order by seq desc limit 1").query(ENTRY).optional();
    }

    public void insert(AuditEntry e) {
        jdbc.sql("""
                        insert into audit_log (seq, at, actor, address, action, entity_type, entity_id, summary,
                               before_text, after_text, prev_hash, hash)
                        values (:seq, :at, :actor, :address, :action, :type, :id, :summary, :before, :after, :prev, :hash)""")
                .param("seq", e.seq()).param("at", Timestamp.from(e.at())).param("actor", e.actor())
                .param("address", e.address()).param("action", e.action()).param("type", e.entityType())
                .param("id", e.entityId()).param("summary", e.summary()).param("before", e.before())
                .param("after", e.after()).param("prev", e.prevHash()).param("hash", e.hash()).update();
    }

    public Optional<AuditEntry> entry(long seq) {
        return jdbc.sql("select * from audit_log where seq = :s").param("s", seq).query(ENTRY).optional();
    }

    public void insertCheckpoint(AuditCheckpoint c) {
        jdbc.sql("insert into audit_checkpoint (seq, hash, at, key_id, signature) values (:seq, :hash, :at, :key, :sig)")
                .param("seq", c.seq()).param("hash", c.hash()).param("at", Timestamp.from(c.at()))
                .param("key", c.keyId()).param("sig", c.signature()).update();
    }

    public Optional<AuditCheckpoint> lastCheckpoint() {
        return jdbc.sql("select * from audit_checkpoint order by seq desc limit 1").query(CHECKPOINT).optional();
    }

    /** Every checkpoint in order (there is one per thousand entries or hour: few enough to hold). */
    public List<AuditCheckpoint> checkpoints() {
        return jdbc.sql("select * from audit_checkpoint order by seq").query(CHECKPOINT).list();
    }

    /**
     * Whether the connected role could rewrite the audit log: a superuser, the owner (or a member of it) of
     * audit_log or audit_checkpoint, or a holder of UPDATE, DELETE, TRUNCATE or TRIGGER on either.
     */
    public boolean connectedRoleCanAlterAuditLog() {
        return jdbc.sql("""
                select bool_or(r.rolsuper or pg_has_role(current_user, c.relowner, 'MEMBER')
                       or has_table_privilege(current_user, c.oid, 'UPDATE') or has_table_privilege(current_user, c.oid, 'DELETE')
                       or has_table_privilege(current_user, c.oid, 'TRUNCATE') or has_table_privilege(current_user, c.oid, 'TRIGGER'))
                  from pg_class c, pg_roles r
                 where c.oid in ('audit_log'::regclass, 'audit_checkpoint'::regclass) and r.rolname = current_user""")
                .query(Boolean.class).single();
    }

    public String connectedRole() {
        return jdbc.sql("select current_user").query(String.class).single();
    }

    public List<AuditEntry> find(AuditFilter f, int offset, int limit) {
        var where = where(f);
        return jdbc.sql("select * from audit_log" + where.sql + " order by seq desc offset :o limit :l")
                .params(where.params).param("o", offset).param("l", limit).query(ENTRY).list();
    }

    public int count(AuditFilter f) {
        var where = where(f);
        if (where.params.isEmpty()) {
            // unfiltered: the chain numbers entries 1, 2, 3… without gaps (verification checks it), so the count is the last seq
            return jdbc.sql("select coalesce(max(seq), 0) from audit_log").query(Integer.class).single();
        }
        return jdbc.sql("select count(*) from audit_log" + where.sql).params(where.params).query(Integer.class).single();
    }

    /** Every entry in order, streamed with a cursor (not loaded at once). */
    public void walk(Consumer<AuditEntry> visitor) {
        var cursor = new JdbcTemplate(template.getDataSource());
        cursor.setFetchSize(1000);
        cursor.query("select * from audit_log order by seq", rs -> {
            visitor.accept(ENTRY.mapRow(rs, 0));
        });
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(AuditFilter f) {
        var sql = new StringBuilder(" where true");
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.actor() != null && !f.actor().isBlank()) {
            sql.append(" and actor ilike :actor");
            p.put("actor", "%" + f.actor().strip() + "%");
        }
        if (f.action() != null && !f.action().isBlank()) {
            sql.append(" and action = :action");
            p.put("action", f.action());
        }
        if (f.entity() != null && !f.entity().isBlank()) {
            sql.append(" and (entity_type ilike :entity or entity_id ilike :entity or summary ilike :entity)");
            p.put("entity", "%" + f.entity().strip() + "%");
        }
        if (f.from() != null) {
            sql.append(" and at >= :from");
            p.put("from", Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and at < :to");
            p.put("to", Timestamp.from(f.to()));
        }
        return new Where(sql.toString(), p);
    }

    static final RowMapper<AuditCheckpoint> CHECKPOINT = (rs, n) -> new AuditCheckpoint(rs.getLong("seq"),
            rs.getString("hash"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("key_id"),
            rs.getString("signature"));

    static final RowMapper<AuditEntry> ENTRY = (rs, n) -> new AuditEntry(rs.getLong("seq"),
            rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("address"),
            rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("summary"),
            rs.getString("before_text"), rs.getString("after_text"), rs.getString("prev_hash"), rs.getString("hash"));
}
