package com.demarc.evidence.internal;

import com.demarc.organization.TeamScope;
import com.demarc.evidence.Attestation;
import com.demarc.evidence.EvidenceItem;
import com.demarc.evidence.EvidenceVersion;
import com.demarc.evidence.ReviewState;
import com.demarc.project.EvidenceState;
import com.demarc.project.ProjectControlId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for evidence items, their versions, review and attestations. */
@Repository
public class EvidenceRepository {
    private final JdbcClient jdbc;

    public EvidenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The evidence state of customer and shared rows, from the newest version of each of their items (rows without
     * items are left out). A row is accepted while one accepted item is unexpired, expiring when every unexpired
     * accepted item ends within 30 days.
     */
    public Map<ProjectControlId, EvidenceState> itemStates(java.util.Collection<ProjectControlId> rows) {
        var result = new java.util.HashMap<ProjectControlId, EvidenceState>();
        if (rows.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select i.project_control_id, case
                           when bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until >= current_date))
                             then case when bool_or(v.review_state = 'ACCEPTED' and i.valid_until is not null
                                                    and i.valid_until >= current_date and i.valid_until <= current_date + 30)
                                        and not bool_or(v.review_state = 'ACCEPTED' and (i.valid_until is null or i.valid_until > current_date + 30))
                                       then 'EXPIRING' else 'ACCEPTED' end
                           when bool_or(v.review_state = 'SUBMITTED') then 'SUBMITTED'
                           when bool_or(v.review_state = 'ACCEPTED') then 'EXPIRED'
                           when bool_or(v.review_state = 'REJECTED') then 'REJECTED'
                           else 'NONE' end
                          from evidence_item i
                          join lateral (select review_state from evidence_version x where x.item_id = i.id
                                         order by x.version_no desc limit 1) v on true
                         where i.project_control_id = any(:rows)
                         group by i.project_control_id""")
                .param("rows", rows.stream().map(ProjectControlId::value).toArray(Long[]::new))
                .query(rs -> {
                    result.put(new ProjectControlId(rs.getLong(1)), EvidenceState.valueOf(rs.getString(2)));
                });
        return result;
    }

    /** AWS rows with a linked attestation: attested while one is valid, else expired (rows without links left out). */
    public Map<ProjectControlId, EvidenceState> attestationStates(java.util.Collection<ProjectControlId> rows) {
        var result = new java.util.HashMap<ProjectControlId, EvidenceState>();
        if (rows.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select l.project_control_id, bool_or(a.valid_until >= current_date)
                          from attestation_link l join attestation a on a.id = l.attestation_id
                         where l.project_control_id = any(:rows)
                         group by l.project_control_id""")
                .param("rows", rows.stream().map(ProjectControlId::value).toArray(Long[]::new))
                .query(rs -> {
                    result.put(new ProjectControlId(rs.getLong(1)),
                            rs.getBoolean(2) ? EvidenceState.ATTESTED : EvidenceState.EXPIRED);
                });
        return result;
    }

    /** A stored version row with its content id (which the API type does not expose). */
    public record VersionRow(EvidenceVersion version, Long contentId, ProjectControlId controlId) {
    }

    public long insertItem(ProjectControlId control, String kind, String title, String description, String url,
                           LocalDate validFrom, LocalDate validUntil, String actor) {
        return jdbc.sql("""
                        insert into evidence_item (project_control_id, kind, title, description, url, valid_from, valid_until, created_by, updated_by)
                        values (:pc, :kind, :title, :description, :url, :from, :until, :actor, :actor) returning id""")
                .param("pc", control.value()).param("kind", kind).param("title", title).param("description", description)
                .param("url", url).param("from", validFrom).param("until", validUntil).param("actor", actor)
                .query(Long.class).single();
    }

    public long insertVersion(long item, Long contentId, String fileName, String contentType, Long size, String sha256,
                              String actor) {
        return jdbc.sql("""
                        insert into evidence_version (item_id, version_no, content_id, file_name, content_type, size_bytes, sha256, uploaded_by)
                        values (:item, coalesce((select max(version_no) from evidence_version where item_id = :item), 0) + 1,
                                :content, :name, :type, :size, :sha, :actor) returning id""")
                .param("item", item).param("content", contentId).param("name", fileName).param("type", contentType)
                .param("size", size).param("sha", sha256).param("actor", actor).query(Long.class).single();
    }

    public List<EvidenceItem> items(ProjectControlId control) {
        return load(" where i.project_control_id = :pc", Map.of("pc", control.value()));
    }

    public Optional<EvidenceItem> item(long id) {
        return load(" where i.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Several items by id, in two queries (their versions with them); ids that no longer exist are left out. */
    public Map<Long, EvidenceItem> items(java.util.Collection<Long> ids) {
        var result = new LinkedHashMap<Long, EvidenceItem>();
        if (!ids.isEmpty()) {
            load(" where i.id = any(:ids)", Map.of("ids", ids.stream().distinct().toArray(Long[]::new)))
                    .forEach(item -> result.put(item.id(), item));
        }
        return result;
    }

    private List<EvidenceItem> load(String where, Map<String, Object> params) {
        record Row(long id, long pc, String kind, String title, String description, String url, LocalDate from,
                   LocalDate until, long version, String createdBy) {
        }
        var rows = jdbc.sql("select * from evidence_item i" + where + " order by i.created_at desc, i.id desc").params(params)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("project_control_id"), rs.getString("kind"),
                        rs.getString("title"), rs.getString("description"), rs.getString("url"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                        rs.getLong("version"), rs.getString("created_by"))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<EvidenceVersion>> versions = new LinkedHashMap<>();
        jdbc.sql("select * from evidence_version where item_id = any(:ids) order by version_no desc")
                .param("ids", rows.stream().map(Row::id).toArray(Long[]::new))
                .query(rs -> {
                    versions.computeIfAbsent(rs.getLong("item_id"), k -> new ArrayList<>()).add(VERSION.mapRow(rs, 0));
                });
        return rows.stream().map(r -> new EvidenceItem(r.id(), new ProjectControlId(r.pc()), r.kind(), r.title(),
                r.description(), r.url(), r.from(), r.until(), List.copyOf(versions.getOrDefault(r.id(), List.of())),
                r.version(), r.createdBy())).toList();
    }

    public Optional<VersionRow> version(long versionId) {
        return jdbc.sql("""
                        select v.*, i.project_control_id from evidence_version v join evidence_item i on i.id = v.item_id
                         where v.id = :id""")
                .param("id", versionId)
                .query((rs, n) -> {
                    long content = rs.getLong("content_id");
                    Long contentId = rs.wasNull() ? null : content;
                    return new VersionRow(VERSION.mapRow(rs, n), contentId, new ProjectControlId(rs.getLong("project_control_id")));
                }).optional();
    }

    public List<Long> contentIdsOfItem(long item) {
        return jdbc.sql("select content_id from evidence_version where item_id = :i and content_id is not null")
                .param("i", item).query(Long.class).list();
    }

    public void deleteItem(long item) {
        jdbc.sql("delete from evidence_item where id = :i").param("i", item).update();
    }

    public boolean review(long versionId, long expectedVersion, ReviewState state, String comment, String actor) {
        return jdbc.sql("""
                        update evidence_version set review_state = :s, review_comment = :c, reviewed_by = :a,
                               reviewed_at = now(), version = version + 1
                         where id = :id and version = :v and review_state = 'SUBMITTED'""")
                .param("s", state.name()).param("c", comment).param("a", actor).param("id", versionId)
                .param("v", expectedVersion).update() == 1;
    }

    public boolean updateValidity(long item, long expectedVersion, LocalDate from, LocalDate until, String actor) {
        return jdbc.sql("""
                        update evidence_item set valid_from = :f, valid_until = :u, updated_at = now(), updated_by = :a,
                               version = version + 1 where id = :id and version = :v""")
                .param("f", from).param("u", until).param("a", actor).param("id", item).param("v", expectedVersion)
                .update() == 1;
    }

    /** Puts an accepted version back in the review queue (its validity changed after it was accepted). */
    public boolean returnToReview(long versionId, String comment) {
        return jdbc.sql("""
                        update evidence_version set review_state = 'SUBMITTED', review_comment = :c, reviewed_by = null,
                               reviewed_at = null, version = version + 1
                         where id = :id and review_state = 'ACCEPTED'""")
                .param("c", comment).param("id", versionId).update() == 1;
    }

    public void touchItem(long item, String actor) {
        jdbc.sql("update evidence_item set updated_at = now(), updated_by = :a, version = version + 1 where id = :id")
                .param("a", actor).param("id", item).update();
    }

    /** Submitted versions awaiting review, newest first, limited to the given teams. */
    public List<VersionRow> submitted(TeamScope teams, int offset, int limit) {
        return jdbc.sql("""
                        select v.*, i.project_control_id from evidence_version v
                          join evidence_item i on i.id = v.item_id
                          join project_control_v pc on pc.id = i.project_control_id join project_v p on p.id = pc.project_id
                         where v.review_state = 'SUBMITTED' and (:all or p.team_id = any(:teams))
                           -- an earlier version that a newer one superseded is not reviewed any more
                           and not exists (select 1 from evidence_version n where n.item_id = v.item_id and n.id > v.id)
                         order by v.uploaded_at desc offset :o limit :l""")
                .params(scope(teams))
                .param("o", offset).param("l", limit)
                .query((rs, n) -> {
                    long content = rs.getLong("content_id");
                    Long contentId = rs.wasNull() ? null : content;
                    return new VersionRow(VERSION.mapRow(rs, n), contentId, new ProjectControlId(rs.getLong("project_control_id")));
                }).list();
    }

    /** The parameters {@code :all} and {@code :teams} of {@code (:all or p.team_id = any(:teams))}. */
    private static java.util.Map<String, Object> scope(TeamScope teams) {
        var ids = teams.sqlIds();
        return java.util.Map.of("all", ids == null, "teams", ids == null ? new Long[0] : ids.toArray(Long[]::new));
    }

    /** Current versions {@code uploader} uploaded that a reviewer rejected, newest decision first (their start page). */
    public List<VersionRow> rejectedOf(String uploader, int limit) {
        return jdbc.sql("""
                        select v.*, i.project_control_id from evidence_version v
                          join evidence_item i on i.id = v.item_id
                         where v.review_state = 'REJECTED' and v.uploaded_by = :u
                           and not exists (select 1 from evidence_version n where n.item_id = v.item_id and n.id > v.id)
                         order by v.reviewed_at desc limit :l""")
                .param("u", uploader).param("l", limit)
                .query((rs, n) -> {
                    long content = rs.getLong("content_id");
                    Long contentId = rs.wasNull() ? null : content;
                    return new VersionRow(VERSION.mapRow(rs, n), contentId, new ProjectControlId(rs.getLong("project_control_id")));
                }).list();
    }

    public int countSubmitted(TeamScope teams) {
        return jdbc.sql("""
                        select count(*) from evidence_version v join evidence_item i on i.id = v.item_id
                          join project_control_v pc on pc.id = i.project_control_id join project_v p on p.id = pc.project_id
                         where v.review_state = 'SUBMITTED' and (:all or p.team_id = any(:teams))
                           -- an earlier version that a newer one superseded is not reviewed any more
                           and not exists (select 1 from evidence_version n where n.item_id = v.item_id and n.id > v.id)""")
                .params(scope(teams))
                .query(Integer.class).single();
    }

    // --- attestations

    public long insertAttestation(String name, String type, LocalDate from, LocalDate to, LocalDate validUntil, String url,
                                  Long contentId, String fileName, String contentType, Long size, String sha, String actor) {
        return jdbc.sql("""
                        insert into attestation (name, report_type, period_from, period_to, valid_until, url, content_id,
                               file_name, content_type, size_bytes, sha256, created_by)
                        values (:n, :t, :f, :to, :v, :u, :c, :fn, :ct, :s, :sha, :a) returning id""")
                .param("n", name).param("t", type).param("f", from).param("to", to).param("v", validUntil).param("u", url)
                .param("c", contentId).param("fn", fileName).param("ct", contentType).param("s", size).param("sha", sha)
                .param("a", actor).query(Long.class).single();
    }

    public List<com.demarc.evidence.ExpiringEvidence> expiringBy(java.time.LocalDate until, int limit) {
        return jdbc.sql("""
                        select id, project_control_id, title, valid_until from evidence_item
                        where valid_until <= :until order by valid_until, id limit :l""")
                .param("until", until).param("l", limit)
                .query((rs, i) -> new com.demarc.evidence.ExpiringEvidence(rs.getLong(1),
                        new com.demarc.project.ProjectControlId(rs.getLong(2)), rs.getString(3),
                        rs.getObject(4, java.time.LocalDate.class))).list();
    }

    public List<Attestation> attestations() {
        return jdbc.sql("""
                        select a.*, (select count(*) from attestation_link l where l.attestation_id = a.id) as linked
                          from attestation a order by a.valid_until desc, a.id desc""").query(ATTESTATION).list();
    }

    public Optional<Attestation> attestation(long id) {
        return jdbc.sql("""
                        select a.*, (select count(*) from attestation_link l where l.attestation_id = a.id) as linked
                          from attestation a where a.id = :id""").param("id", id).query(ATTESTATION).optional();
    }

    public Optional<String> attestationContentType(long id) {
        return jdbc.sql("select content_type from attestation where id = :id and content_type is not null").param("id", id)
                .query(String.class).optional();
    }

    public Optional<Long> attestationContent(long id) {
        return jdbc.sql("select content_id from attestation where id = :id and content_id is not null").param("id", id)
                .query(Long.class).optional();
    }

    public int link(long attestation, List<ProjectControlId> controls, String actor) {
        int n = 0;
        for (var c : controls) {
            n += jdbc.sql("""
                            insert into attestation_link (attestation_id, project_control_id, linked_by) values (:a, :c, :by)
                            on conflict do nothing""")
                    .param("a", attestation).param("c", c.value()).param("by", actor).update();
        }
        return n;
    }

    public List<Attestation> attestationsOf(ProjectControlId control) {
        return jdbc.sql("""
                        select a.*, (select count(*) from attestation_link l where l.attestation_id = a.id) as linked
                          from attestation a join attestation_link x on x.attestation_id = a.id
                         where x.project_control_id = :pc order by a.valid_until desc""")
                .param("pc", control.value()).query(ATTESTATION).list();
    }

    // --- mapping

    static final RowMapper<EvidenceVersion> VERSION = (rs, n) -> {
        long size = rs.getLong("size_bytes");
        Long sizeOrNull = rs.wasNull() ? null : size;
        return new EvidenceVersion(rs.getLong("id"), rs.getLong("item_id"), rs.getInt("version_no"),
                rs.getString("file_name"), rs.getString("content_type"), sizeOrNull, rs.getString("sha256"),
                rs.getString("uploaded_by"), instant(rs, "uploaded_at"), ReviewState.valueOf(rs.getString("review_state")),
                rs.getString("reviewed_by"), instant(rs, "reviewed_at"), rs.getString("review_comment"), rs.getLong("version"));
    };

    static final RowMapper<Attestation> ATTESTATION = (rs, n) -> {
        long size = rs.getLong("size_bytes");
        Long sizeOrNull = rs.wasNull() ? null : size;
        return new Attestation(rs.getLong("id"), rs.getString("name"), rs.getString("report_type"),
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), rs.getString("url"), rs.getString("file_name"), sizeOrNull,
                rs.getString("sha256"), rs.getInt("linked"), rs.getString("created_by"));
    };

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var odt = rs.getObject(column, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }
}
