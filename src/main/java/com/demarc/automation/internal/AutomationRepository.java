package com.demarc.automation.internal;

import com.demarc.automation.CheckMapping;
import com.demarc.automation.CheckResult;
import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.Suppression;
import com.demarc.catalog.ModelId;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** SQL of the automation module: the check mapping, imports, results, idempotency keys and suppressions. */
@Repository
public class AutomationRepository {
    /** Advisory-lock class for imports ("AUT"); the object id is the project. */
    private static final int IMPORT_LOCK = 0x415554;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AutomationRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // --- settings

    public void setFreshness(Duration freshness) {
        jdbc.sql("update automation_settings set freshness = make_interval(secs => :s), version = version + 1 "
                        + "where id = 1 and freshness <> make_interval(secs => :s)")
                .param("s", (double) freshness.toSeconds()).update();
    }

    // --- mapping

    public boolean hasMapping(ModelId model) {
        return jdbc.sql("select exists (select 1 from automation_check_mapping where model_id = :m)")
                .param("m", model.value()).query(Boolean.class).single();
    }

    public void insertMapping(ModelId model, List<CheckMapping> rows, String by) {
        var args = new ArrayList<Object[]>();
        for (var r : rows) {
            for (String code : r.controlCodes()) {
                args.add(new Object[]{model.value(), r.checkId(), r.configRule(), r.awsService(), r.severity(), code,
                        r.confidence(), r.note(), by});
            }
        }
        template.batchUpdate("""
                insert into automation_check_mapping (model_id, check_id, config_rule, aws_service, severity, control_code,
                                                      confidence, note, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (model_id, check_id, control_code) do nothing""", args);
    }

    public List<CheckMapping> mapping(ModelId model, @Nullable String checkId) {
        var rows = jdbc.sql("""
                        select check_id, config_rule, aws_service, severity, control_code, confidence, note, version
                          from automation_check_mapping where model_id = :m and (cast(:c as varchar) is null or check_id = :c)
                         order by check_id, id""")
                .param("m", model.value()).param("c", checkId)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)}).list();
        var grouped = new LinkedHashMap<String, List<Object[]>>();
        rows.forEach(r -> grouped.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(r));
        var result = new ArrayList<CheckMapping>();
        grouped.forEach((id, list) -> {
            var first = list.getFirst();
            long version = list.stream().mapToLong(r -> (Long) r[7]).max().orElse(0);
            result.add(new CheckMapping(model, id, (String) first[1], (String) first[2], (String) first[3],
                    list.stream().map(r -> (String) r[4]).toList(), (String) first[5], (String) first[6], version));
        });
        return result;
    }

    /** Replaces the controls of one check (keeping its facts), bumping the version of its rows. */
    public void replaceCodes(CheckMapping check, List<String> codes, String by) {
        jdbc.sql("delete from automation_check_mapping where model_id = :m and check_id = :c")
                .param("m", check.modelId().value()).param("c", check.checkId()).update();
        for (String code : codes) {
            jdbc.sql("""
                            insert into automation_check_mapping (model_id, check_id, config_rule, aws_service, severity,
                                   control_code, confidence, note, version, updated_at, updated_by)
                            values (:m, :c, :r, :s, :sev, :code, :conf, :note, :v, now(), :by)""")
                    .param("m", check.modelId().value()).param("c", check.checkId()).param("r", check.configRule())
                    .param("s", check.awsService()).param("sev", check.severity()).param("code", code)
                    .param("conf", check.confidence()).param("note", check.note()).param("v", check.version() + 1)
                    .param("by", by).update();
        }
    }

    /** Control codes per check key ("SECURITY_HUB:IAM.6", "CONFIG:ROOT_ACCOUNT_MFA_ENABLED") of one version. */
    public Map<String, List<String>> codesByCheck(ModelId model) {
        var result = new java.util.HashMap<String, List<String>>();
        jdbc.sql("select check_id, config_rule, control_code from automation_check_mapping where model_id = :m")
                .param("m", model.value()).query((ResultSet rs) -> {
                    String code = rs.getString(3);
                    result.computeIfAbsent("SECURITY_HUB:" + rs.getString(1), k -> new ArrayList<>()).add(code);
                    if (rs.getString(2) != null) {
                        var list = result.computeIfAbsent("CONFIG:" + rs.getString(2), k -> new ArrayList<>());
                        if (!list.contains(code)) {
                            list.add(code);
                        }
                    }
                });
        return result;
    }

    /** Every Config managed rule identifier that any version maps. */
    public Set<String> configRules() {
        return new java.util.HashSet<>(jdbc.sql("select distinct config_rule from automation_check_mapping where config_rule is not null")
                .query(String.class).list());
    }

    /** Check ids (by source) that map to this control code in this version. */
    public List<String[]> checksFor(ModelId model, String code) {
        return jdbc.sql("select check_id, config_rule from automation_check_mapping where model_id = :m and control_code = :c")
                .param("m", model.value()).param("c", code)
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
    }

    /** Projects with results, for refreshing coverage after a mapping change. */
    public Set<Long> projectsWithResults() {
        return new java.util.HashSet<>(jdbc.sql("select distinct project_id from automation_latest").query(Long.class).list());
    }

    // --- imports

    public void lockProject(ProjectId project) {
        jdbc.sql("select pg_advisory_xact_lock(:k, :p)").param("k", IMPORT_LOCK).param("p", (int) project.value())
                .query((rs, n) -> 1).list();
    }

    /**
     * Remembers the projects' keys and returns how many of each project's were new (not imported before; repeats within
     * the file count once). Reads the stored keys of the days the keys fall on ({@code automation_finding_day}: one
     * query), merges in memory, looks the new ones up among the keys kept from before V0180 ({@code automation_finding},
     * only for projects that have any), and writes back only the days that got new keys (one batch). In the caller's
     * transaction, with the projects locked ({@link #lockProject}).
     */
    public Map<ProjectId, Integer> rememberFindingKeys(Map<ProjectId, FindingKeys> byProject) {
        var fresh = new HashMap<ProjectId, Integer>();
        var wantedProjects = new ArrayList<Long>();
        var wantedDays = new ArrayList<Integer>();
        byProject.forEach((project, keys) -> {
            for (int i = 0; i < keys.size(); i = keys.dayEnd(i)) {
                wantedProjects.add(project.value());
                wantedDays.add(keys.day(i));
            }
        });
        if (wantedDays.isEmpty()) {
            return fresh;
        }
        var stored = new HashMap<Long, Map<Integer, byte[]>>();
        jdbc.sql("""
                        select d.project_id, d.day, d.keys from automation_finding_day d
                          join unnest(cast(:p as bigint[]), cast(:d as integer[])) w(project_id, day)
                            on d.project_id = w.project_id and d.day = w.day""")
                .param("p", wantedProjects.toArray(Long[]::new)).param("d", wantedDays.toArray(Integer[]::new))
                .query((RowCallbackHandler) rs -> stored.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .put(rs.getInt(2), rs.getBytes(3)));
        var before = new java.util.HashSet<>(jdbc.sql("""
                        select p from unnest(cast(:p as bigint[])) p
                         where exists (select 1 from automation_finding f where f.project_id = p)""")
                .param("p", byProject.keySet().stream().map(ProjectId::value).toArray(Long[]::new))
                .query(Long.class).list());
        var writes = new ArrayList<Object[]>();
        byProject.forEach((project, keys) -> {
            var days = stored.getOrDefault(project.value(), Map.of());
            var newKeys = new ArrayList<String>();
            int count = 0;
            for (int i = 0; i < keys.size(); ) {
                int end = keys.dayEnd(i);
                var merged = keys.merge(i, end, days.get(keys.day(i)));
                if (merged.count() > 0) {
                    writes.add(new Object[]{project.value(), keys.day(i), merged.union(), merged.union().length / FindingKeys.KEY_BYTES});
                    count += merged.count();
                    if (before.contains(project.value())) {
                        for (int k = 0; k < merged.count(); k++) {
                            newKeys.add(new UUID(merged.fresh()[2 * k], merged.fresh()[2 * k + 1]).toString());
                        }
                    }
                }
                i = end;
            }
            if (!newKeys.isEmpty()) { // imported before V0180: those keys are in automation_finding
                count -= jdbc.sql("select count(*) from automation_finding where project_id = :p and finding_key = any(cast(:k as uuid[]))")
                        .param("p", project.value()).param("k", newKeys.toArray(String[]::new)).query(Integer.class).single();
            }
            fresh.put(project, count);
        });
        template.batchUpdate("""
                insert into automation_finding_day (project_id, day, keys, key_count) values (?, ?, ?, ?)
                on conflict (project_id, day) do update set keys = excluded.keys, key_count = excluded.key_count""", writes);
        return fresh;
    }

    /** One check's result of an import, for {@link #insertResults}. */
    public record ResultRow(CheckSource source, String checkId, CheckStatus status, int checked, int failing,
                            List<String> failingResources, Instant first, Instant last) {
    }

    /** An import's record; its raw results are stored gzip-compressed ({@code raw_encoding} gzip). */
    public long insertImport(ProjectId project, String format, String fileName, long contentId, String sha256, long size,
                             int findings, Instant at, String by) {
        return jdbc.sql("""
                        insert into automation_import (project_id, format, file_name, content_id, sha256, size, findings,
                                                       imported_at, imported_by, raw_encoding)
                        values (:p, :f, :n, :c, :h, :s, :k, :at, :by, 'gzip') returning id""")
                .param("p", project.value()).param("f", format).param("n", fileName).param("c", contentId)
                .param("h", sha256).param("s", size).param("k", findings).param("at", Timestamp.from(at)).param("by", by)
                .query(Long.class).single();
    }

    /**
     * The results of one import (one batch), then the project's newest result per check from them (one statement): a
     * result observed earlier than the current one (an old export imported late) never replaces it.
     */
    public void insertResults(long importId, ProjectId project, List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        insert into automation_result (import_id, project_id, source, check_id, status, resources_checked,
                               resources_failing, failing_resources, first_observed, last_observed)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, 500, (ps, r) -> {
            ps.setLong(1, importId);
            ps.setLong(2, project.value());
            ps.setString(3, r.source().name());
            ps.setString(4, r.checkId());
            ps.setString(5, r.status().name());
            ps.setInt(6, r.checked());
            ps.setInt(7, r.failing());
            ps.setArray(8, ps.getConnection().createArrayOf("text", r.failingResources().toArray()));
            ps.setTimestamp(9, Timestamp.from(r.first()));
            ps.setTimestamp(10, Timestamp.from(r.last()));
        });
        jdbc.sql("""
                        insert into automation_latest (project_id, source, check_id, result_id)
                        select project_id, source, check_id, id from automation_result where import_id = :i
                        on conflict (project_id, source, check_id) do update
                           set result_id = excluded.result_id, version = automation_latest.version + 1
                         where (select last_observed from automation_result where id = automation_latest.result_id)
                               <= (select last_observed from automation_result where id = excluded.result_id)""")
                .param("i", importId).update();
    }

    public record ImportRow(long id, ProjectId projectId, String format, String fileName, long contentId, String sha256,
                            long size, int findings, Instant importedAt, String importedBy, boolean gzip) {
    }

    public Optional<ImportRow> importRow(long id) {
        return jdbc.sql("select id, project_id, format, file_name, content_id, sha256, size, findings, imported_at, imported_by, "
                        + "raw_encoding = 'gzip' "
                        + "from automation_import where id = :id").param("id", id).query(AutomationRepository::importRow).optional();
    }

    public List<ImportRow> imports(ProjectId project, int limit) {
        return jdbc.sql("select id, project_id, format, file_name, content_id, sha256, size, findings, imported_at, imported_by, "
                        + "raw_encoding = 'gzip' "
                        + "from automation_import where project_id = :p order by imported_at desc, id desc limit :l")
                .param("p", project.value()).param("l", limit).query(AutomationRepository::importRow).list();
    }

    private static ImportRow importRow(ResultSet rs, int n) throws SQLException {
        return new ImportRow(rs.getLong(1), new ProjectId(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getInt(8), rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getBoolean(11));
    }

    /** The newest results of these checks for a project (source:checkId keys), with suppressions and freshness. */
    public List<CheckResult> latest(ProjectId project, @Nullable Collection<String> keys) {
        return jdbc.sql("""
                        select r.source, r.check_id, r.status, r.resources_checked, r.resources_failing, r.failing_resources,
                               r.first_observed, r.last_observed, r.import_id, i.sha256,
                               r.last_observed >= now() - (select freshness from automation_settings where id = 1) as fresh,
                               s.justification, s.until
                          from automation_latest l
                          join automation_result r on r.id = l.result_id
                          join automation_import i on i.id = r.import_id
                          left join automation_suppression s on s.project_id = l.project_id and s.source = l.source
                                and s.check_id = l.check_id and s.until >= current_date
                         where l.project_id = :p and (cast(:all as boolean) or (l.source || ':' || l.check_id) = any(:keys))
                         order by r.status <> 'FAILED', r.check_id""")
                .param("p", project.value()).param("all", keys == null)
                .param("keys", keys == null ? new String[0] : keys.toArray(String[]::new))
                .query((rs, n) -> new CheckResult(project, CheckSource.valueOf(rs.getString(1)), rs.getString(2),
                        CheckStatus.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5), strings(rs.getArray(6)),
                        rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getLong(9), rs.getString(10),
                        rs.getBoolean(11), rs.getString(12), rs.getObject(13, LocalDate.class))).list();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    // --- suppressions

    public Suppression upsertSuppression(ProjectId project, CheckSource source, String checkId, String justification,
                                         LocalDate until, Instant at, String by) {
        return jdbc.sql("""
                        insert into automation_suppression (project_id, source, check_id, justification, until, created_at, created_by)
                        values (:p, :s, :c, :j, :u, :at, :by)
                        on conflict (project_id, source, check_id) do update
                           set justification = excluded.justification, until = excluded.until, created_at = excluded.created_at,
                               created_by = excluded.created_by, version = automation_suppression.version + 1
                        returning id, project_id, source, check_id, justification, until, created_at, created_by""")
                .param("p", project.value()).param("s", source.name()).param("c", checkId).param("j", justification)
                .param("u", until).param("at", Timestamp.from(at)).param("by", by)
                .query(AutomationRepository::suppression).single();
    }

    public Optional<Suppression> suppression(long id) {
        return jdbc.sql("select id, project_id, source, check_id, justification, until, created_at, created_by "
                + "from automation_suppression where id = :id").param("id", id).query(AutomationRepository::suppression).optional();
    }

    public List<Suppression> suppressions(ProjectId project) {
        return jdbc.sql("select id, project_id, source, check_id, justification, until, created_at, created_by "
                        + "from automation_suppression where project_id = :p and until >= current_date order by check_id")
                .param("p", project.value()).query(AutomationRepository::suppression).list();
    }

    public void deleteSuppression(long id) {
        jdbc.sql("delete from automation_suppression where id = :id").param("id", id).update();
    }

    private static Suppression suppression(ResultSet rs, int n) throws SQLException {
        return new Suppression(rs.getLong(1), new ProjectId(rs.getLong(2)), CheckSource.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getTimestamp(7).toInstant(),
                rs.getString(8));
    }
}
