package com.demarc.raci.internal;

import com.demarc.organization.TeamScope;
import com.demarc.shared.SqlFilter;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import com.demarc.project.ProjectControlId;
import com.demarc.raci.Assignee;
import com.demarc.raci.MatrixQuery;
import com.demarc.raci.RaciEntry;
import com.demarc.raci.RaciRole;
import com.demarc.raci.RaciTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL for RACI assignments and templates. Matrix and "my responsibilities" queries read the project register
 * tables too (one database, one query) and return row ids; the project module loads the rows.
 */
@Repository
public class RaciRepository {
    private static final String ENTRY_SELECT = """
            select a.project_control_id, a.role, a.user_id, a.team_id,
                   coalesce(u.display_name, t.name || ' (team)') as label
              from raci_assignment a left join organization_user_v u on u.id = a.user_id left join organization_team_v t on t.id = a.team_id
            """;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    public RaciRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public Map<ProjectControlId, List<RaciEntry>> assignments(List<ProjectControlId> ids) {
        Map<ProjectControlId, List<RaciEntry>> result = new HashMap<>();
        ids.forEach(id -> result.put(id, new ArrayList<>()));
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql(ENTRY_SELECT + " where a.project_control_id = any(:ids) order by a.role, label")
                .param("ids", ids.stream().map(ProjectControlId::value).toArray(Long[]::new))
                .query(rs -> {
                    var id = new ProjectControlId(rs.getLong(1));
                    result.computeIfAbsent(id, k -> new ArrayList<>()).add(entry(rs));
                });
        return result;
    }

    private static RaciEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        long user = rs.getLong("user_id");
        boolean isUser = !rs.wasNull();
        long team = rs.getLong("team_id");
        var assignee = isUser ? Assignee.person(new UserId(user), rs.getString("label"))
                : Assignee.team(new TeamId(team), rs.getString("label"));
        return new RaciEntry(RaciRole.valueOf(rs.getString("role")), assignee);
    }

    public void replace(ProjectControlId id, List<RaciEntry> entries) {
        jdbc.sql("delete from raci_assignment where project_control_id = :id").param("id", id.value()).update();
        for (RaciEntry e : entries) {
            jdbc.sql("insert into raci_assignment (project_control_id, role, user_id, team_id) values (:pc, :r, :u, :t)")
                    .param("pc", id.value()).param("r", e.role().name())
                    .param("u", e.assignee().user() == null ? null : e.assignee().user().value())
                    .param("t", e.assignee().team() == null ? null : e.assignee().team().value()).update();
        }
    }

    /** Replaces the RACI of many rows with two statements' worth of round trips. */
    /**
     * Moves many rows from their current assignments to the wanted ones, writing only the difference: the letters that
     * go are deleted, the ones that come are inserted, the ones that stay are not touched (a template applied to a
     * thousand projects mostly changes a person or two per row).
     */
    public void replaceAll(Map<ProjectControlId, List<RaciEntry>> wanted, Map<ProjectControlId, List<RaciEntry>> current) {
        if (wanted.isEmpty()) {
            return;
        }
        List<Object[]> removed = new ArrayList<>();
        List<Object[]> added = new ArrayList<>();
        wanted.forEach((id, entries) -> {
            var before = current.getOrDefault(id, List.of());
            var keep = new java.util.HashSet<String>();
            entries.forEach(e -> keep.add(key(e)));
            var had = new java.util.HashSet<String>();
            before.forEach(e -> had.add(key(e)));
            before.stream().filter(e -> !keep.contains(key(e))).forEach(e -> removed.add(row(id, e)));
            entries.stream().filter(e -> !had.contains(key(e))).forEach(e -> added.add(row(id, e)));
        });
        if (!removed.isEmpty()) {
            jdbc.sql("""
                            delete from raci_assignment a
                             using unnest(:pc, :role, :usr, :team) as x(pc, role, usr, team)
                             where a.project_control_id = x.pc and a.role = x.role
                               and a.user_id is not distinct from x.usr and a.team_id is not distinct from x.team""")
                    .param("pc", removed.stream().map(r -> (Long) r[0]).toArray(Long[]::new))
                    .param("role", removed.stream().map(r -> (String) r[1]).toArray(String[]::new))
                    .param("usr", removed.stream().map(r -> (Long) r[2]).toArray(Long[]::new))
                    .param("team", removed.stream().map(r -> (Long) r[3]).toArray(Long[]::new))
                    .update();
        }
        if (!added.isEmpty()) {
            batch.batchUpdate("insert into raci_assignment (project_control_id, role, user_id, team_id) values (?, ?, ?, ?)",
                    added, new int[]{java.sql.Types.BIGINT, java.sql.Types.CHAR, java.sql.Types.BIGINT, java.sql.Types.BIGINT});
        }
    }

    private static String key(RaciEntry e) {
        return e.role() + ":" + (e.assignee().user() == null ? "" : e.assignee().user().value()) + ":"
                + (e.assignee().team() == null ? "" : e.assignee().team().value());
    }

    private static Object[] row(ProjectControlId id, RaciEntry e) {
        return new Object[]{id.value(), e.role().name(),
                e.assignee().user() == null ? null : e.assignee().user().value(),
                e.assignee().team() == null ? null : e.assignee().team().value()};
    }

    // --- matrix

    public List<ProjectControlId> matrixIds(MatrixQuery q, TeamScope teams, int offset, int limit) {
        var where = where(q, teams);
        return jdbc.sql("select pc.id from project_control_v pc join project_v p on p.id = pc.project_id "
                        + "join catalog_control_v c on c.id = pc.control_id" + where.sql()
                        + " order by lower(p.name), c.position, c.code offset :offset limit :limit")
                .params(where.params()).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new ProjectControlId(rs.getLong(1))).list();
    }

    public int countMatrix(MatrixQuery q, TeamScope teams) {
        var where = where(q, teams);
        return jdbc.sql("select count(*) from project_control_v pc join project_v p on p.id = pc.project_id "
                + "join catalog_control_v c on c.id = pc.control_id" + where.sql()).params(where.params()).query(Integer.class).single();
    }

    static final String UNOWNED = """
             pc.owner in ('CUSTOMER', 'SHARED') and (
               not exists (select 1 from raci_assignment a where a.project_control_id = pc.id and a.role = 'A')
               or not exists (select 1 from raci_assignment a where a.project_control_id = pc.id and a.role = 'R'))
            """;

    private static SqlFilter where(MatrixQuery mq, TeamScope teams) {
        return mq.base().toSql(teams).andIf(mq.unownedOnly(), UNOWNED);
    }

    // --- my responsibilities

    /** Row ids and the letters the user holds on them (directly or through a team), sorted and paged. */
    public Map<ProjectControlId, Set<RaciRole>> mine(UserId user, List<TeamId> teams, TeamScope visible, Set<RaciRole> roles,
                                                     String sort, boolean ascending, int offset, int limit) {
        String order = switch (sort == null ? "due" : sort) {
            case "project" -> "lower(p.name)";
            case "code" -> "c.code";
            case "status" -> "pc.status";
            default -> "pc.due_date";
        } + (ascending ? " asc nulls last" : " desc nulls last") + ", lower(p.name), c.position, pc.id";
        // pc.id last: ties (two projects of one name, equal dates) would otherwise fall in any order from page to
        // page, and a row could show on two pages and another on none (issue 19)
        Map<ProjectControlId, Set<RaciRole>> result = new LinkedHashMap<>();
        // the letters per row first (a hash aggregate of the user's and their teams' assignments), then the rows
        // joined and sorted: grouping the joined rows by their sort columns cost a sort per call
        jdbc.sql("""
                        select pc.id, m.r, m.a, m.c, m.i
                          from (select a.project_control_id, bool_or(a.role = 'R') as r, bool_or(a.role = 'A') as a,
                                       bool_or(a.role = 'C') as c, bool_or(a.role = 'I') as i
                                  from raci_assignment a
                                 where a.role = any(:roles) and (a.user_id = :user or a.team_id = any(:teams))
                                 group by a.project_control_id) m
                          join project_control_v pc on pc.id = m.project_control_id
                          join project_v p on p.id = pc.project_id join catalog_control_v c on c.id = pc.control_id
                         where not p.archived
                           and (cast(:visible as bigint[]) is null or p.team_id = any(cast(:visible as bigint[])))
                         order by\s""" + order + " offset :offset limit :limit")
                .param("roles", roles.stream().map(Enum::name).toArray(String[]::new)).param("user", user.value())
                .param("visible", visibleIds(visible))
                .param("teams", teams.stream().map(TeamId::value).toArray(Long[]::new))
                .param("offset", offset).param("limit", limit)
                .query(rs -> {
                    var set = java.util.EnumSet.noneOf(RaciRole.class);
                    RaciRole[] letters = {RaciRole.R, RaciRole.A, RaciRole.C, RaciRole.I};
                    for (int i = 0; i < letters.length; i++) {
                        if (rs.getBoolean(2 + i)) {
                            set.add(letters[i]);
                        }
                    }
                    result.put(new ProjectControlId(rs.getLong(1)), set);
                });
        return result;
    }

    /** As many rows as {@link #mine} lists; {@code visible} null counts every project, seen or not. */
    public int countMine(UserId user, List<TeamId> teams, @org.jspecify.annotations.Nullable TeamScope visible, Set<RaciRole> roles) {
        return jdbc.sql("""
                        select count(distinct pc.id) from raci_assignment a
                          join project_control_v pc on pc.id = a.project_control_id join project_v p on p.id = pc.project_id
                         where not p.archived and a.role = any(:roles) and (a.user_id = :user or a.team_id = any(:teams))
                           and (cast(:visible as bigint[]) is null or p.team_id = any(cast(:visible as bigint[])))""")
                .param("visible", visibleIds(visible))
                .param("roles", roles.stream().map(Enum::name).toArray(String[]::new)).param("user", user.value())
                .param("teams", teams.stream().map(TeamId::value).toArray(Long[]::new)).query(Integer.class).single();
    }

    /**
     * {@link #countMine} of both lists and of the R/A rows in projects outside {@code visible}, in one query: R or A
     * visible, C or I visible, R or A elsewhere (0 when {@code visible} is every team).
     */
    public int[] countMineAll(UserId user, List<TeamId> teams, TeamScope visible) {
        return jdbc.sql("""
                        select count(*) filter (where ra and visible), count(*) filter (where ci and visible),
                               count(*) filter (where ra and not visible)
                          from (select a.project_control_id, bool_or(a.role in ('R', 'A')) as ra,
                                       bool_or(a.role in ('C', 'I')) as ci,
                                       bool_or(cast(:visible as bigint[]) is null
                                               or p.team_id = any(cast(:visible as bigint[]))) as visible
                                  from raci_assignment a
                                  join project_control_v pc on pc.id = a.project_control_id
                                  join project_v p on p.id = pc.project_id
                                 where not p.archived and (a.user_id = :user or a.team_id = any(:teams))
                                 group by a.project_control_id) x""")
                .param("visible", visibleIds(visible)).param("user", user.value())
                .param("teams", teams.stream().map(TeamId::value).toArray(Long[]::new))
                .query((rs, n) -> new int[]{rs.getInt(1), rs.getInt(2), rs.getInt(3)}).single();
    }

    private static Long @org.jspecify.annotations.Nullable [] visibleIds(@org.jspecify.annotations.Nullable TeamScope visible) {
        var ids = visible == null ? null : visible.sqlIds();
        return ids == null ? null : ids.toArray(Long[]::new);
    }

    // --- templates

    public long insertTemplate(String name, String actor) {
        return jdbc.sql("insert into raci_template (name, created_by) values (:n, :a) returning id")
                .param("n", name).param("a", actor).query(Long.class).single();
    }

    public void insertTemplateEntry(long template, String code, RaciEntry e) {
        jdbc.sql("""
                        insert into raci_template_entry (template_id, control_code, role, user_id, team_id, project_team)
                        values (:t, :c, :r, :u, :tm, :pt)""")
                .param("t", template).param("c", code).param("r", e.role().name()).param("pt", e.assignee().isProjectTeam())
                .param("u", e.assignee().user() == null ? null : e.assignee().user().value())
                .param("tm", e.assignee().team() == null ? null : e.assignee().team().value()).update();
    }

    public List<RaciTemplate> templates() {
        return jdbc.sql("""
                        select t.id, t.name, t.created_at, t.created_by, count(e.*) as entries
                          from raci_template t left join raci_template_entry e on e.template_id = t.id
                         group by t.id order by lower(t.name)""")
                .query((rs, n) -> new RaciTemplate(rs.getLong("id"), rs.getString("name"), rs.getInt("entries"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by")))
                .list();
    }

    public Map<String, List<RaciEntry>> templateEntries(long template) {
        Map<String, List<RaciEntry>> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select e.control_code, e.role, e.user_id, e.team_id, e.project_team,
                               coalesce(u.display_name, t.name || ' (team)') as label
                          from raci_template_entry e left join organization_user_v u on u.id = e.user_id
                          left join organization_team_v t on t.id = e.team_id
                         where e.template_id = :id order by e.control_code, e.role""")
                .param("id", template)
                .query(rs -> {
                    var entry = rs.getBoolean("project_team")
                            ? new RaciEntry(RaciRole.valueOf(rs.getString("role")), Assignee.projectTeam()) : entry(rs);
                    result.computeIfAbsent(rs.getString("control_code"), k -> new ArrayList<>()).add(entry);
                });
        return result;
    }

    public boolean templateNameTaken(String name) {
        return jdbc.sql("select exists(select 1 from raci_template where lower(name) = lower(:n))").param("n", name)
                .query(Boolean.class).single();
    }
}
