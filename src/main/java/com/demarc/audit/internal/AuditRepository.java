package com.demarc.audit.internal;

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

/** SQL for the audit log: appends under an advisory lock, filtered pages, and a streaming walk in order. */
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

    static final RowMapper<AuditEntry> ENTRY = (rs, n) -> new AuditEntry(rs.getLong("seq"),
            rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("address"),
            rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("summary"),
            rs.getString("before_text"), rs.getString("after_text"), rs.getString("prev_hash"), rs.getString("hash"));
}
