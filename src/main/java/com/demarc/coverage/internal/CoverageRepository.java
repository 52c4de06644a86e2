package com.demarc.coverage.internal;

import com.demarc.catalog.Owner;
import com.demarc.organization.TeamScope;
import com.demarc.coverage.Coverage;
import com.demarc.coverage.CoverageState;
import com.demarc.coverage.Dashboard;
import com.demarc.coverage.AutomatedShare;
import com.demarc.coverage.FailingCheck;
import com.demarc.coverage.Gap;
import com.demarc.coverage.GapQuery;
import com.demarc.coverage.TrendPoint;
import com.demarc.shared.SqlFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for coverage: refreshing rollups per project, reading them for dashboards, gap lists, snapshots. */
@Repository
public class CoverageRepository {
    private static final String SUMS = """
            coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0) as applicable,
            coalesce(sum(controls) filter (where state = 'COVERED'), 0) as covered,
            coalesce(sum(controls) filter (where state = 'UNOWNED'), 0) as unowned,
            coalesce(sum(controls) filter (where state = 'NOT_IMPLEMENTED'), 0) as not_implemented,
            coalesce(sum(controls) filter (where state = 'NO_EVIDENCE'), 0) as no_evidence,
            coalesce(sum(controls) filter (where state = 'ATTESTATION_MISSING'), 0) as attestation_missing,
            coalesce(sum(expiring), 0) as expiring, coalesce(sum(overdue), 0) as overdue, coalesce(sum(expired), 0) as expired
            """;
    private static final String SUMMARY_SUMS = """
            coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0) as applicable,
            coalesce(sum(controls) filter (where state = 'COVERED'), 0) as covered,
            coalesce(sum(controls) filter (where state = 'UNOWNED'), 0) as unowned,
            coalesce(sum(controls) filter (where state = 'NOT_IMPLEMENTED'), 0) as not_implemented,
            coalesce(sum(controls) filter (where state = 'NO_EVIDENCE'), 0) as no_evidence,
            coalesce(sum(controls) filter (where state = 'ATTESTATION_MISSING'), 0) as attestation_missing
            """;
    /** The same figures summed over the team rollups, whose states are columns already. */
    private static final String TEAM_SUMS = """
            coalesce(sum(applicable), 0) as applicable, coalesce(sum(covered), 0) as covered,
            coalesce(sum(unowned), 0) as unowned, coalesce(sum(not_implemented), 0) as not_implemented,
            coalesce(sum(no_evidence), 0) as no_evidence, coalesce(sum(attestation_missing), 0) as attestation_missing,
            coalesce(sum(expiring), 0) as expiring, coalesce(sum(overdue), 0) as overdue, coalesce(sum(expired), 0) as expired
            """;

    private final JdbcClient jdbc;

    public CoverageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String STATE_COLUMNS =
            "project_control_id, project_id, team_id, code, domain_code, owner, state, expiring, overdue, expired, automated";

    /**
     * Recomputes these projects' coverage from the rule: their rows' states (a pass over their own rows only), their
     * rollups, and the rollups of the teams they belong to (or belonged to, if a project moved).
     */
    public void refresh(Collection<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return;
        }
        Long[] ids = projectIds.toArray(Long[]::new);
        var teams = new java.util.TreeSet<>(jdbc.sql("select distinct team_id from coverage_rollup where project_id = any(:ids)")
                .param("ids", ids).query(Long.class).list());
        teams.addAll(jdbc.sql("select distinct team_id from project where id = any(:ids)").param("ids", ids).query(Long.class).list());
        lockTeams(teams);
        // rows whose state did not move are not rewritten (a RACI template over a thousand projects moves few)
        jdbc.sql("""
                        delete from coverage_state s where s.project_id = any(:ids) and not exists (
                            select 1 from project_control pc join project p on p.id = pc.project_id and not p.archived
                             where pc.id = s.project_control_id)""").param("ids", ids).update();
        jdbc.sql("insert into coverage_state (" + STATE_COLUMNS + ") select " + STATE_COLUMNS
                + " from coverage_state_v where project_id = any(:ids)" + """
                 on conflict (project_control_id) do update
                   set project_id = excluded.project_id, team_id = excluded.team_id, code = excluded.code,
                       domain_code = excluded.domain_code, owner = excluded.owner, state = excluded.state,
                       expiring = excluded.expiring, overdue = excluded.overdue, expired = excluded.expired,
                       automated = excluded.automated
                 where (coverage_state.project_id, coverage_state.team_id, coverage_state.code, coverage_state.domain_code,
                        coverage_state.owner, coverage_state.state, coverage_state.expiring, coverage_state.overdue,
                        coverage_state.expired, coverage_state.automated)
                       is distinct from (excluded.project_id, excluded.team_id, excluded.code, excluded.domain_code,
                        excluded.owner, excluded.state, excluded.expiring, excluded.overdue, excluded.expired,
                        excluded.automated)""")
                .param("ids", ids).update();
        jdbc.sql("delete from coverage_rollup where project_id = any(:ids)").param("ids", ids).update();
        jdbc.sql("delete from coverage_summary_rollup where project_id = any(:ids)").param("ids", ids).update();
        jdbc.sql(INSERT_ROLLUP + " where project_id = any(:ids)" + ROLLUP_GROUPS).param("ids", ids).update();
        jdbc.sql(INSERT_SUMMARY_ROLLUP + " where v.project_id = any(:ids)" + SUMMARY_GROUPS).param("ids", ids).update();
        refreshTeams(teams.toArray(Long[]::new));
    }

    /** Advisory-lock class for coverage refreshes ("COV"); the object id is the team. */
    private static final int TEAM_LOCK = 0x434F56;

    /**
     * Two transactions refreshing projects of the same team (parallel uploads, a template and a status change) would
     * both delete and re-insert that team's rollup rows: duplicate keys or deadlocks. Each takes the teams' locks, in
     * id order, until it commits; the second then recomputes from the first one's committed rows.
     */
    private void lockTeams(java.util.SortedSet<Long> teams) {
        for (Long team : teams) {
            jdbc.sql("select pg_advisory_xact_lock(:k, :t)").param("k", TEAM_LOCK).param("t", team.intValue())
                    .query((rs, n) -> 1).list();
        }
    }

    private static final String INSERT_ROLLUP = """
            insert into coverage_rollup (project_id, team_id, domain_code, owner, state, controls, expiring, overdue, expired)
            select project_id, team_id, domain_code, owner, state, count(*),
                   count(*) filter (where expiring), count(*) filter (where overdue), count(*) filter (where expired)
              from coverage_state""";
    private static final String ROLLUP_GROUPS = " group by project_id, team_id, domain_code, owner, state";
    private static final String INSERT_SUMMARY_ROLLUP = """
            insert into coverage_summary_rollup (project_id, team_id, row_code, state, controls)
            select v.project_id, v.team_id, r.code, v.state, count(*)
              from coverage_state v
              join project_control pc on pc.id = v.project_control_id
              join model_summary_control sc on sc.control_id = pc.control_id
              join model_summary_row r on r.id = sc.row_id""";
    private static final String SUMMARY_GROUPS = " group by v.project_id, v.team_id, r.code, v.state";

    private void refreshTeams(Long[] teams) {
        jdbc.sql("delete from coverage_team_rollup where team_id = any(:t)").param("t", teams).update();
        jdbc.sql("delete from coverage_team_summary_rollup where team_id = any(:t)").param("t", teams).update();
        jdbc.sql("insert into coverage_team_rollup select team_id, domain_code, owner, " + SUMS
                        + " from coverage_rollup where team_id = any(:t) group by team_id, domain_code, owner")
                .param("t", teams).update();
        jdbc.sql("insert into coverage_team_summary_rollup select team_id, row_code, " + SUMMARY_SUMS
                        + " from coverage_summary_rollup where team_id = any(:t) group by team_id, row_code")
                .param("t", teams).update();
    }

    /** Every project, e.g. once a day (states depend on the date): whole-table passes, no per-project loop. */
    public void refreshAll(LocalDate today) {
        lockTeams(new java.util.TreeSet<>(jdbc.sql("select id from team").query(Long.class).list()));
        jdbc.sql("delete from coverage_state").update();
        jdbc.sql("insert into coverage_state (" + STATE_COLUMNS + ") select " + STATE_COLUMNS + " from coverage_state_v").update();
        jdbc.sql("delete from coverage_rollup").update();
        jdbc.sql("delete from coverage_summary_rollup").update();
        jdbc.sql(INSERT_ROLLUP + ROLLUP_GROUPS).update();
        jdbc.sql(INSERT_SUMMARY_ROLLUP + SUMMARY_GROUPS).update();
        jdbc.sql("delete from coverage_team_rollup").update();
        jdbc.sql("delete from coverage_team_summary_rollup").update();
        refreshTeams(jdbc.sql("select distinct team_id from coverage_rollup").query(Long.class).list().toArray(Long[]::new));
        for (String table : List.of("coverage_state", "coverage_rollup", "coverage_summary_rollup", "coverage_team_rollup",
                "coverage_team_summary_rollup")) {
            jdbc.sql("analyze " + table).update(); // the planner must know the tables' new sizes
        }
        jdbc.sql("""
                        insert into coverage_refresh (id, refreshed_on) values (1, :d)
                        on conflict (id) do update set refreshed_on = excluded.refreshed_on""").param("d", today).update();
    }

    public LocalDate lastFullRefresh() {
        return jdbc.sql("select refreshed_on from coverage_refresh where id = 1").query(LocalDate.class).optional()
                .orElse(LocalDate.MIN);
    }

    private static SqlFilter teams(TeamScope teams, String alias) {
        return SqlFilter.all().and(alias + "team_id = any(:teams)", "teams", teams.sqlIds());
    }

    /** Above this many projects in scope, the heat map shows teams (the least covered first) instead of projects. */
    static final int HEAT_MAP_ROWS = 50;

    /**
     * The dashboard from the team rollups: one aggregate by domain × owner gives the total, the owner columns and the
     * domains; one by team gives the teams; one gives the model summary; the heat map reads only the rows it shows.
     */
    public Dashboard dashboard(TeamScope teams) {
        var slices = ownerAndDomainSlices(teams);
        var teamRows = teamRows(teams);
        return new Dashboard(slices.overall(), slices.byOwner(), summaryRows(teams), slices.byDomain(), teamRows,
                heatMap(teams, teamRows));
    }

    private record Slices(Coverage overall, List<Coverage> byOwner, List<Coverage> byDomain) {
    }

    /** A project's coverage: the total first ({@code ALL}), then per owner column (CUSTOMER, SHARED, AWS). */
    public List<Coverage> projectCoverage(long projectId) {
        Map<String, Coverage> byOwner = new LinkedHashMap<>();
        jdbc.sql("select owner, " + SUMS + " from coverage_rollup where project_id = :p group by owner")
                .param("p", projectId)
                .query(rs -> {
                    String owner = rs.getString("owner");
                    byOwner.put(owner, coverage(rs, owner, owner));
                });
        var all = byOwner.values().stream()
                .reduce(new Coverage("ALL", "All controls", 0, 0, 0, 0, 0, 0, 0, 0, 0), CoverageRepository::plus);
        var result = new ArrayList<Coverage>();
        result.add(relabel(all, "ALL", "All controls"));
        List.of("CUSTOMER", "SHARED", "AWS").stream().filter(byOwner::containsKey).map(byOwner::get).forEach(result::add);
        return result;
    }

    /** Two plain GROUP BYs (this one and {@link #teamRows}) beat one GROUPING SETS pass over the same rows. */
    private Slices ownerAndDomainSlices(TeamScope teams) {
        var where = teams(teams, "r.");
        Map<String, Coverage> byOwnerMap = new LinkedHashMap<>();
        Map<String, Coverage> byDomainMap = new LinkedHashMap<>();
        jdbc.sql("select r.domain_code, r.owner, " + TEAM_SUMS + " from coverage_team_rollup r" + where.sql()
                        + " group by r.domain_code, r.owner")
                .params(where.params())
                .query(rs -> {
                    String owner = rs.getString("owner");
                    String domain = rs.getString("domain_code");
                    var slice = coverage(rs, owner, owner);
                    byOwnerMap.merge(owner, slice, CoverageRepository::plus);
                    byDomainMap.merge(domain, relabel(slice, domain, domain), CoverageRepository::plus);
                });
        var overall = byOwnerMap.values().stream()
                .reduce(new Coverage("ALL", "All projects", 0, 0, 0, 0, 0, 0, 0, 0, 0), CoverageRepository::plus);
        var byOwner = List.of("CUSTOMER", "SHARED", "AWS").stream().filter(byOwnerMap::containsKey)
                .map(byOwnerMap::get).toList();
        Map<String, String> domainNames = new LinkedHashMap<>();
        jdbc.sql("""
                        select distinct on (code) code, name from catalog_domain
                         order by code, model_id desc nulls last""")
                .query(rs -> {
                    domainNames.put(rs.getString(1), rs.getString(2));
                });
        var domains = byDomainMap.values().stream()
                .map(c -> relabel(c, c.key(), domainNames.getOrDefault(c.key(), c.key())))
                .sorted(Comparator.comparing(Coverage::label)).toList();
        return new Slices(overall, byOwner, domains);
    }

    private List<Coverage> teamRows(TeamScope teams) {
        var where = teams(teams, "r.");
        return jdbc.sql("select r.team_id, t.name, " + TEAM_SUMS
                        + " from coverage_team_rollup r join team t on t.id = r.team_id"
                        + where.sql() + " group by r.team_id, t.name order by lower(t.name)")
                .params(where.params())
                .query((rs, n) -> coverage(rs, String.valueOf(rs.getLong("team_id")), rs.getString("name"))).list();
    }

    private List<Coverage> summaryRows(TeamScope teams) {
        var where = teams(teams, "");
        return jdbc.sql("""
                        select m.code as key, m.text as label, m.owner as row_owner,
                               coalesce(s.applicable, 0) as applicable, coalesce(s.covered, 0) as covered,
                               coalesce(s.unowned, 0) as unowned, coalesce(s.not_implemented, 0) as not_implemented,
                               coalesce(s.no_evidence, 0) as no_evidence, coalesce(s.attestation_missing, 0) as attestation_missing
                          from model_summary_row m
                          left join (select row_code, sum(applicable) as applicable, sum(covered) as covered,
                                            sum(unowned) as unowned, sum(not_implemented) as not_implemented,
                                            sum(no_evidence) as no_evidence, sum(attestation_missing) as attestation_missing
                                       from coverage_team_summary_rollup""" + where.sql() + """
                                      group by row_code) s on s.row_code = m.code
                         where m.model_id = (select id from responsibility_model order by published desc, loaded_at desc, id desc limit 1)
                         order by m.position""")
                .params(where.params())
                .query((rs, n) -> new Coverage(rs.getString("key"), rs.getString("label") + " (" + rs.getString("row_owner") + ")",
                        rs.getInt("applicable"), rs.getInt("covered"), rs.getInt("unowned"), rs.getInt("not_implemented"),
                        rs.getInt("no_evidence"), rs.getInt("attestation_missing"), 0, 0, 0)).list();
    }

    /** Projects × domains while at most {@link #HEAT_MAP_ROWS} projects are in scope, else the least-covered teams. */
    private Dashboard.HeatMap heatMap(TeamScope teams, List<Coverage> teamRows) {
        var projectScope = teams(teams, "");
        // how many projects are in scope, counting no further than the heat map's limit
        int projects = jdbc.sql("select count(*) from (select 1 from project" + projectScope.sql() + " and not archived limit "
                        + (HEAT_MAP_ROWS + 1) + ") p").params(projectScope.params()).query(Integer.class).single();
        if (projects <= HEAT_MAP_ROWS) {
            var where = teams(teams, "r.");
            return new Dashboard.HeatMap(Dashboard.HeatMap.By.PROJECT, projects, jdbc.sql("select r.project_id, p.name, r.domain_code, "
                            + "coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0) as applicable, "
                            + "coalesce(sum(controls) filter (where state = 'COVERED'), 0) as covered "
                            + "from coverage_rollup r join project p on p.id = r.project_id" + where.sql()
                            + " group by r.project_id, p.name, r.domain_code order by p.name, r.domain_code")
                    .params(where.params())
                    .query((rs, n) -> new Dashboard.HeatCell(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)))
                    .list());
        }
        var shown = teamRows.stream().filter(c -> c.applicable() > 0)
                .sorted(Comparator.comparingDouble((Coverage c) -> (double) c.covered() / c.applicable())
                        .thenComparing(Coverage::label))
                .limit(HEAT_MAP_ROWS).toList();
        Map<Long, String> teamNames = new HashMap<>();
        teamRows.forEach(c -> teamNames.put(Long.valueOf(c.key()), c.label()));
        List<Dashboard.HeatCell> cells = new ArrayList<>();
        jdbc.sql("""
                        select team_id, domain_code, sum(applicable), sum(covered)
                          from coverage_team_rollup where team_id = any(:ids) group by team_id, domain_code""")
                .param("ids", shown.stream().map(c -> Long.valueOf(c.key())).toArray(Long[]::new))
                .query(rs -> {
                    cells.add(new Dashboard.HeatCell(rs.getLong(1), teamNames.get(rs.getLong(1)), rs.getString(2), rs.getInt(3), rs.getInt(4)));
                });
        cells.sort(Comparator.comparing(Dashboard.HeatCell::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Dashboard.HeatCell::domainCode));
        return new Dashboard.HeatMap(Dashboard.HeatMap.By.TEAM, teamRows.size(), cells);
    }

    private static Coverage relabel(Coverage c, String key, String label) {
        return new Coverage(key, label, c.applicable(), c.covered(), c.unowned(), c.notImplemented(), c.noEvidence(),
                c.attestationMissing(), c.expiring(), c.overdue(), c.expired());
    }

    private static Coverage plus(Coverage a, Coverage b) {
        return new Coverage(a.key(), a.label(), a.applicable() + b.applicable(), a.covered() + b.covered(),
                a.unowned() + b.unowned(), a.notImplemented() + b.notImplemented(), a.noEvidence() + b.noEvidence(),
                a.attestationMissing() + b.attestationMissing(), a.expiring() + b.expiring(), a.overdue() + b.overdue(),
                a.expired() + b.expired());
    }

    private static Coverage coverage(java.sql.ResultSet rs, String key, String label) throws java.sql.SQLException {
        return new Coverage(key, label, rs.getInt("applicable"), rs.getInt("covered"),
                rs.getInt("unowned"), rs.getInt("not_implemented"), rs.getInt("no_evidence"),
                rs.getInt("attestation_missing"), rs.getInt("expiring"), rs.getInt("overdue"), rs.getInt("expired"));
    }

    // --- gaps (a filtered, paged list; never a full aggregate)

    private static SqlFilter gapWhere(GapQuery q, TeamScope teams) {
        String kind = switch (q.kind()) {
            case UNOWNED -> "v.state = 'UNOWNED'";
            case MISSING_EVIDENCE -> "v.state in ('NO_EVIDENCE', 'ATTESTATION_MISSING')";
            case EXPIRING_OR_EXPIRED -> "(v.expiring or v.expired)";
            case OVERDUE -> "v.overdue";
            case NOT_COVERED -> "v.state not in ('COVERED', 'NOT_APPLICABLE')";
            case FAILING_CHECK -> "v.state = 'FAILING_CHECK'";
            case NOT_IMPLEMENTED -> "v.state = 'NOT_IMPLEMENTED'";
            case NO_EVIDENCE -> "v.state = 'NO_EVIDENCE'";
            case ATTESTATION_MISSING -> "v.state = 'ATTESTATION_MISSING'";
        };
        return teams(teams, "v.").and(kind)
                .and("v.team_id = :team", "team", q.teamId() == null ? null : q.teamId().value())
                .and("v.project_id = :project", "project", q.projectId() == null ? null : q.projectId().value())
                .and("v.domain_code = :domain", "domain", q.domainCode())
                .and("v.owner = :owner", "owner", q.owner())
                .and("exists (select 1 from project_control pc2 join model_summary_control sc on sc.control_id = pc2.control_id"
                        + " join model_summary_row r on r.id = sc.row_id where pc2.id = v.project_control_id and r.code = :row)",
                        "row", q.summaryRow());
    }

    public List<Gap> gaps(GapQuery q, TeamScope teams, int offset, int limit) {
        var where = gapWhere(q, teams);
        return jdbc.sql("""
                        select v.project_control_id, p.name as project, t.name as team, v.code, c.title, v.owner, v.state,
                               v.expiring, v.overdue, v.expired, v.project_id, pc.due_date,
                               (select u.display_name from raci_assignment a join organization_user_v u on u.id = a.user_id
                                 where a.project_control_id = v.project_control_id and a.role = 'A') as accountable
                          from coverage_state v join project p on p.id = v.project_id join team t on t.id = v.team_id
                          join project_control pc on pc.id = v.project_control_id join control c on c.id = pc.control_id
                        """ + where.sql() + " order by lower(p.name), p.id, c.position, v.code offset :o limit :l")
                .params(where.params()).param("o", offset).param("l", limit)
                .query((rs, n) -> new Gap(rs.getLong(1), new com.demarc.project.ProjectId(rs.getLong(11)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), Owner.valueOf(rs.getString(6)),
                        CoverageState.valueOf(rs.getString(7)), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10),
                        rs.getObject(12, LocalDate.class), rs.getString(13))).list();
    }

    public int countGaps(GapQuery q, TeamScope teams) {
        var where = gapWhere(q, teams);
        return jdbc.sql("select count(*) from coverage_state v" + where.sql()).params(where.params())
                .query(Integer.class).single();
    }

    // --- automated evidence (read model over the automation module's results, ADR 0020)

    private static final String FAILING_CHECKS = """
              from automation_latest l
              join automation_result r on r.id = l.result_id and r.status = 'FAILED'
              join project p on p.id = l.project_id and not p.archived
              join team t on t.id = p.team_id
              cross join lateral (
                  select array_agg(distinct m.control_code order by m.control_code) as codes
                    from automation_check_mapping m
                   where m.model_id = p.model_id
                     and ((l.source = 'SECURITY_HUB' and m.check_id = l.check_id)
                       or (l.source = 'CONFIG' and m.config_rule = l.check_id))) mc
            """;
    private static final String FAILING_WHERE = """
             and mc.codes is not null
             and not exists (select 1 from automation_suppression s where s.project_id = l.project_id
                              and s.source = l.source and s.check_id = l.check_id and s.until >= current_date)""";

    public List<FailingCheck> failingChecks(TeamScope teams, int offset, int limit) {
        var where = teams(teams, "p.");
        return jdbc.sql("select p.id, p.name, t.name, l.source, l.check_id, mc.codes, r.resources_failing, "
                        + "r.failing_resources, r.last_observed " + FAILING_CHECKS + where.sql() + " " + FAILING_WHERE
                        + " order by r.resources_failing desc, lower(p.name), l.check_id offset :o limit :l")
                .params(where.params()).param("o", offset).param("l", limit)
                .query((rs, n) -> new FailingCheck(new com.demarc.project.ProjectId(rs.getLong(1)), rs.getString(2),
                        rs.getString(3), com.demarc.automation.CheckSource.valueOf(rs.getString(4)), rs.getString(5),
                        java.util.Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getInt(7),
                        java.util.Arrays.asList((String[]) rs.getArray(8).getArray()), rs.getTimestamp(9).toInstant()))
                .list();
    }

    public int countFailingChecks(TeamScope teams) {
        var where = teams(teams, "p.");
        return jdbc.sql("select count(*) " + FAILING_CHECKS + where.sql() + " " + FAILING_WHERE).params(where.params())
                .query(Integer.class).single();
    }

    public AutomatedShare automatedShare(TeamScope teams) {
        var where = teams(teams, "v.");
        int[] covered = jdbc.sql("select count(*) filter (where v.automated), count(*) filter (where not v.automated) "
                        + "from coverage_state v" + where.sql() + " and v.state = 'COVERED' and v.owner in ('CUSTOMER', 'SHARED')")
                .params(where.params()).query((rs, n) -> new int[]{rs.getInt(1), rs.getInt(2)}).single();
        var projectWhere = teams(teams, "p.");
        int[] checks = jdbc.sql("""
                        select count(*) filter (where r.status = 'FAILED'), count(*) filter (where r.status = 'PASSED')
                          from automation_latest l join automation_result r on r.id = l.result_id
                          join project p on p.id = l.project_id and not p.archived""" + projectWhere.sql())
                .params(projectWhere.params()).query((rs, n) -> new int[]{rs.getInt(1), rs.getInt(2)}).single();
        return new AutomatedShare(covered[0], covered[1], checks[0], checks[1]);
    }

    // --- snapshots

    /** How many projects the rollups cover (the projects a snapshot counts). */
    public int rolledUpProjects() {
        return jdbc.sql("select count(distinct project_id) from coverage_rollup").query(Integer.class).single();
    }

    public void snapshot(LocalDate day) {
        jdbc.sql("delete from coverage_snapshot where day = :d").param("d", day).update();
        jdbc.sql("""
                        insert into coverage_snapshot (day, team_id, owner, applicable, covered)
                        select :d, team_id, owner,
                               coalesce(sum(controls) filter (where state <> 'NOT_APPLICABLE'), 0),
                               coalesce(sum(controls) filter (where state = 'COVERED'), 0)
                          from coverage_rollup where owner <> 'NOT_APPLICABLE' group by team_id, owner""")
                .param("d", day).update();
    }

    /**
     * Per import day since {@code from} (UTC days on which a project in scope had an import), the newest result per
     * (project, check) imported by the end of that day, as automation_latest keeps it (newest observation wins).
     */
    public List<com.demarc.coverage.CheckTrendPoint> checkTrend(TeamScope teams, @org.jspecify.annotations.Nullable Long project,
                                                                LocalDate from) {
        var days = teams(teams, "p.").and("p.id = :project", "project", project);
        var asOf = teams(teams, "p.").and("p.id = :project", "project", project);
        return jdbc.sql("""
                        with days as (
                            select distinct (i.imported_at at time zone 'UTC')::date as day
                              from automation_import i join project p on p.id = i.project_id and not p.archived"""
                        + days.sql() + """
                               and i.imported_at >= (cast(:from as date))::timestamp at time zone 'UTC')
                        select d.day, count(*) filter (where x.status = 'PASSED'), count(*) filter (where x.status = 'FAILED'),
                               count(x.status)
                          from days d
                          left join lateral (
                              select distinct on (r.project_id, r.source, r.check_id) r.status
                                from automation_result r
                                join automation_import i on i.id = r.import_id
                                join project p on p.id = r.project_id and not p.archived"""
                        + asOf.sql() + """
                                 and i.imported_at < (d.day + 1)::timestamp at time zone 'UTC'
                               order by r.project_id, r.source, r.check_id, r.last_observed desc, r.id desc) x on true
                         group by d.day order by d.day""")
                .params(days.params()).param("from", from)
                .query((rs, n) -> new com.demarc.coverage.CheckTrendPoint(rs.getObject(1, LocalDate.class), rs.getInt(2),
                        rs.getInt(3), rs.getInt(4)))
                .list();
    }

    public List<TrendPoint> trend(TeamScope teams, LocalDate from) {
        var where = teams(teams, "");
        return jdbc.sql("select day, owner, sum(applicable) as applicable, sum(covered) as covered from coverage_snapshot"
                        + where.sql() + " and day >= :from group by day, owner order by day, owner")
                .params(where.params()).param("from", from)
                .query((rs, n) -> new TrendPoint(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }
}
