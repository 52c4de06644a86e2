package com.demarc.project.internal;

import com.demarc.organization.TeamScope;
import com.demarc.shared.SqlFilter;
import com.demarc.catalog.AwsServiceId;
import com.demarc.catalog.ControlId;
import com.demarc.catalog.ModelId;
import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import com.demarc.project.ControlQuery;
import com.demarc.project.ProjectControl;
import com.demarc.project.ProjectControlData;
import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectEvent;
import com.demarc.project.ProjectId;
import com.demarc.project.Status;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for projects, their services, the control register and its history. */
@Repository
public class ProjectRepository {
    /** A project as stored, before its services are resolved against the catalog. */
    public record ProjectRow(ProjectId id, TeamId teamId, String teamName, String name, String description,
                             List<String> accountIds, ModelId modelId, String modelLabel, boolean archived,
                             long version, Instant updatedAt, String updatedBy) {
    }

    /** What register sync needs of a row. */
    public record RegisterRow(ProjectControlId id, ControlId controlId, String code, Owner owner, String reason,
                              Status status, String justification) {
    }

    private static final String PROJECT_SELECT = """
            select p.*, t.name as team_name, m.label as model_label
              from project p join organization_team_v t on t.id = p.team_id join catalog_model_v m on m.id = p.model_id
            """;
    static final String CONTROL_SELECT = """
            select pc.*, p.name as project_name, p.team_id, c.code, c.title, c.domain_code, c.domain_name
              from project_control pc join project p on p.id = pc.project_id join catalog_control_v c on c.id = pc.control_id
            """;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    public ProjectRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public Optional<Long> teamOf(ProjectId id) {
        return jdbc.sql("select team_id from project where id = :id").param("id", id.value()).query(Long.class).optional();
    }

    /** The team of each of these projects (missing ids are left out), in one query. */
    public java.util.Map<Long, Long> teamsOf(java.util.Collection<ProjectId> ids) {
        var result = new java.util.HashMap<Long, Long>();
        jdbc.sql("select id, team_id from project where id = any(:ids)")
                .param("ids", ids.stream().map(ProjectId::value).toArray(Long[]::new))
                .query(rs -> {
                    result.put(rs.getLong(1), rs.getLong(2));
                });
        return result;
    }

    /** "name (team)" of the archived projects among these. */
    public List<String> archivedAmong(java.util.Collection<ProjectId> ids) {
        return jdbc.sql("""
                        select p.name || ' (' || t.name || ')' from project p join organization_team_v t on t.id = p.team_id
                         where p.id = any(:ids) and p.archived order by lower(p.name)""")
                .param("ids", ids.stream().map(ProjectId::value).toArray(Long[]::new)).query(String.class).list();
    }

    public Optional<Long> teamOfControl(ProjectControlId id) {
        return jdbc.sql("select p.team_id from project_control pc join project p on p.id = pc.project_id where pc.id = :id")
                .param("id", id.value()).query(Long.class).optional();
    }

    public Optional<ProjectId> projectOf(ProjectControlId id) {
        return jdbc.sql("select project_id from project_control where id = :id").param("id", id.value())
                .query((rs, n) -> new ProjectId(rs.getLong(1))).optional();
    }

    public ProjectId insert(TeamId team, String name, String description, List<String> accounts, ModelId model, String actor) {
        return new ProjectId(jdbc.sql("""
                        insert into project (team_id, name, description, aws_account_ids, model_id, updated_by)
                        values (:team, :name, :description, :accounts::varchar(12)[], :model, :actor) returning id""")
                .param("team", team.value()).param("name", name).param("description", description)
                .param("accounts", accounts.toArray(String[]::new)).param("model", model.value()).param("actor", actor)
                .query(Long.class).single());
    }

    public boolean update(ProjectId id, long expectedVersion, TeamId team, String name, String description,
                          List<String> accounts, String actor) {
        return jdbc.sql("""
                        update project set team_id = :team, name = :name, description = :description,
                               aws_account_ids = :accounts::varchar(12)[], updated_at = now(), updated_by = :actor,
                               version = version + 1 where id = :id and version = :version""")
                .param("team", team.value()).param("name", name).param("description", description)
                .param("accounts", accounts.toArray(String[]::new)).param("actor", actor)
                .param("id", id.value()).param("version", expectedVersion).update() == 1;
    }

    public boolean setArchived(ProjectId id, long expectedVersion, boolean archived, String actor) {
        return jdbc.sql("""
                        update project set archived = :a, updated_at = now(), updated_by = :actor, version = version + 1
                         where id = :id and version = :v""")
                .param("a", archived).param("actor", actor).param("id", id.value()).param("v", expectedVersion).update() == 1;
    }

    public boolean setModel(ProjectId id, long expectedVersion, ModelId model, String actor) {
        return jdbc.sql("""
                        update project set model_id = :m, updated_at = now(), updated_by = :actor, version = version + 1
                         where id = :id and version = :v""")
                .param("m", model.value()).param("actor", actor).param("id", id.value()).param("v", expectedVersion)
                .update() == 1;
    }

    public void replaceServices(ProjectId id, Set<AwsServiceId> services) {
        jdbc.sql("delete from project_service where project_id = :id").param("id", id.value()).update();
        for (AwsServiceId s : services) {
            jdbc.sql("insert into project_service (project_id, service_id) values (:p, :s)")
                    .param("p", id.value()).param("s", s.value()).update();
        }
    }

    public List<AwsServiceId> serviceIds(ProjectId id) {
        return jdbc.sql("select service_id from project_service where project_id = :id order by service_id")
                .param("id", id.value()).query((rs, n) -> new AwsServiceId(rs.getLong(1))).list();
    }

    /** The services of many projects in one query. */
    public Map<ProjectId, List<AwsServiceId>> serviceIds(List<ProjectId> ids) {
        Map<ProjectId, List<AwsServiceId>> result = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.sql("select project_id, service_id from project_service where project_id = any(:ids) order by service_id")
                .param("ids", ids.stream().map(ProjectId::value).toArray(Long[]::new))
                .query(rs -> {
                    result.computeIfAbsent(new ProjectId(rs.getLong(1)), k -> new java.util.ArrayList<>()).add(new AwsServiceId(rs.getLong(2)));
                });
        return result;
    }

    public Optional<ProjectRow> project(ProjectId id) {
        return jdbc.sql(PROJECT_SELECT + " where p.id = :id").param("id", id.value()).query(PROJECT).optional();
    }

    public Optional<ProjectId> findByName(TeamId team, String name) {
        return jdbc.sql("select id from project where team_id = :t and lower(name) = lower(:n)")
                .param("t", team.value()).param("n", name).query((rs, n) -> new ProjectId(rs.getLong(1))).optional();
    }

    public List<ProjectRow> find(TeamScope teams, String text, boolean includeArchived, int offset, int limit) {
        var where = projectWhere(teams, text, includeArchived);
        return jdbc.sql(PROJECT_SELECT + where.sql() + " order by lower(t.name), lower(p.name) offset :offset limit :limit")
                .params(where.params()).param("offset", offset).param("limit", limit).query(PROJECT).list();
    }

    public int count(TeamScope teams, String text, boolean includeArchived) {
        var where = projectWhere(teams, text, includeArchived);
        return jdbc.sql("select count(*) from project p join organization_team_v t on t.id = p.team_id" + where.sql())
                .params(where.params()).query(Integer.class).single();
    }

    private static SqlFilter projectWhere(TeamScope teams, String text, boolean includeArchived) {
        return SqlFilter.all()
                .and("p.team_id = any(:teams)", "teams", teams.sqlIds())
                .andIf(!includeArchived, "not p.archived")
                .andLike("(p.name ilike :text or p.description ilike :text or t.name ilike :text)", "text", text);
    }

    // --- register

    public List<RegisterRow> register(ProjectId id) {
        return jdbc.sql("""
                        select pc.id, pc.control_id, c.code, pc.owner, pc.owner_reason, pc.status, pc.justification
                          from project_control pc join catalog_control_v c on c.id = pc.control_id where pc.project_id = :id""")
                .param("id", id.value())
                .query((rs, n) -> new RegisterRow(new ProjectControlId(rs.getLong(1)), new ControlId(rs.getLong(2)),
                        rs.getString(3), Owner.valueOf(rs.getString(4)), rs.getString(5), Status.valueOf(rs.getString(6)),
                        rs.getString(7)))
                .list();
    }

    public ProjectControlId insertControl(ProjectId project, ControlId control, Owner owner, String reason,
                                          Status status, String justification, String actor) {
        return new ProjectControlId(jdbc.sql("""
                        insert into project_control (project_id, control_id, owner, owner_reason, status, justification, updated_by)
                        values (:p, :c, :o, :r, :s, :j, :a) returning id""")
                .param("p", project.value()).param("c", control.value()).param("o", owner.name()).param("r", reason)
                .param("s", status.name()).param("j", justification).param("a", actor).query(Long.class).single());
    }

    public void updateOwner(ProjectControlId id, ControlId control, Owner owner, String reason, Status status,
                            String justification, String actor) {
        jdbc.sql("""
                        update project_control set control_id = :c, owner = :o, owner_reason = :r, status = :s,
                               justification = :j, updated_at = now(), updated_by = :a, version = version + 1
                         where id = :id""")
                .param("c", control.value()).param("o", owner.name()).param("r", reason).param("s", status.name())
                .param("j", justification).param("a", actor).param("id", id.value()).update();
    }

    public void deleteControl(ProjectControlId id) {
        jdbc.sql("delete from project_control where id = :id").param("id", id.value()).update();
    }

    public boolean updateStatus(ProjectControlId id, long expectedVersion, Status status, String justification,
                                LocalDate due, String notes, String actor) {
        return jdbc.sql("""
                        update project_control set status = :s, justification = :j, due_date = :d, notes = :n,
                               updated_at = now(), updated_by = :a, version = version + 1
                         where id = :id and version = :v""")
                .param("s", status.name()).param("j", justification).param("d", due).param("n", notes)
                .param("a", actor).param("id", id.value()).param("v", expectedVersion).update() == 1;
    }

    /** Bumps the row's version for a change made elsewhere (its RACI); false when someone else saved first. */
    public boolean touch(ProjectControlId id, long expectedVersion, String actor) {
        return jdbc.sql("""
                        update project_control set updated_at = now(), updated_by = :a, version = version + 1
                         where id = :id and version = :v""")
                .param("a", actor).param("id", id.value()).param("v", expectedVersion).update() == 1;
    }

    /**
     * Bumps the versions of many rows in one statement; returns how many had changed since they were read
     * (0 = all fine).
     */
    public int touchAll(java.util.Collection<com.demarc.project.RaciChange> changes, String actor) {
        var list = List.copyOf(changes);
        int updated = jdbc.sql("""
                        update project_control pc set updated_at = now(), updated_by = :a, version = pc.version + 1
                          from unnest(:ids, :versions) as x(id, v)
                         where pc.id = x.id and pc.version = x.v""")
                .param("a", actor)
                .param("ids", list.stream().map(c -> c.id().value()).toArray(Long[]::new))
                .param("versions", list.stream().map(com.demarc.project.RaciChange::expectedVersion).toArray(Long[]::new))
                .update();
        return list.size() - updated;
    }

    public void events(java.util.Collection<com.demarc.project.RaciChange> changes, String actor) {
        batch.batchUpdate("""
                        insert into project_event (project_id, project_control_id, actor, field, from_value, to_value)
                        values (?, ?, ?, 'RACI', ?, ?)""", List.copyOf(changes), 500, (ps, c) -> {
            ps.setLong(1, c.project().value());
            ps.setLong(2, c.id().value());
            ps.setString(3, actor);
            ps.setString(4, c.from());
            ps.setString(5, c.to());
        });
    }

    public Optional<ProjectControl> control(ProjectControlId id) {
        return jdbc.sql(CONTROL_SELECT + " where pc.id = :id").param("id", id.value()).query(CONTROL).optional();
    }

    public List<ProjectControl> controlsByIds(List<ProjectControlId> ids) {
        return jdbc.sql(CONTROL_SELECT + " where pc.id = any(:ids)")
                .param("ids", ids.stream().map(ProjectControlId::value).toArray(Long[]::new)).query(CONTROL).list();
    }

    public List<ProjectControl> controlsByProjectsAndCodes(java.util.Collection<ProjectId> projects,
                                                           java.util.Collection<String> codes) {
        if (projects.isEmpty()) {
            return List.of();
        }
        var sql = CONTROL_SELECT + " where pc.project_id = any(:projects)"
                + (codes == null ? "" : " and c.code = any(:codes)")
                + " order by p.name, c.position, c.code";
        var spec = jdbc.sql(sql).param("projects", projects.stream().map(ProjectId::value).toArray(Long[]::new));
        if (codes != null) {
            spec = spec.param("codes", codes.toArray(String[]::new));
        }
        return spec.query(CONTROL).list();
    }

    /** Open (not started, in progress) controls of active projects due on or before {@code until}, soonest first. */
    public List<ProjectControl> openDueBy(java.time.LocalDate until, int limit) {
        return jdbc.sql(CONTROL_SELECT + """
                         where pc.due_date <= :until and pc.status in ('NOT_STARTED', 'IN_PROGRESS') and not p.archived
                         order by pc.due_date, pc.id limit :l""")
                .param("until", until).param("l", limit).query(CONTROL).list();
    }

    public List<ProjectControl> controls(ControlQuery q, TeamScope teams, int offset, int limit) {
        var where = q.toSql(teams);
        return jdbc.sql(CONTROL_SELECT + where.sql() + " order by lower(p.name), c.position, c.code offset :offset limit :limit")
                .params(where.params()).param("offset", offset).param("limit", limit).query(CONTROL).list();
    }

    public int countControls(ControlQuery q, TeamScope teams) {
        var where = q.toSql(teams);
        return jdbc.sql("select count(*) from project_control pc join project p on p.id = pc.project_id "
                + "join catalog_control_v c on c.id = pc.control_id" + where.sql()).params(where.params()).query(Integer.class).single();
    }

    // --- history

    public void event(ProjectId project, ProjectControlId control, String actor, String field, String from, String to) {
        jdbc.sql("""
                        insert into project_event (project_id, project_control_id, actor, field, from_value, to_value)
                        values (:p, :c, :a, :f, :from, :to)""")
                .param("p", project.value()).param("c", control == null ? null : control.value()).param("a", actor)
                .param("f", field).param("from", from).param("to", to).update();
    }

    public List<ProjectEvent> history(ProjectControlId id) {
        return jdbc.sql("select at, actor, field, from_value, to_value from project_event where project_control_id = :id order by at desc, id desc")
                .param("id", id.value()).query(EVENT).list();
    }

    public List<ProjectEvent> projectHistory(ProjectId id, int limit) {
        return jdbc.sql("""
                        select at, actor, field, from_value, to_value from project_event
                         where project_id = :id and project_control_id is null order by at desc, id desc limit :l""")
                .param("id", id.value()).param("l", limit).query(EVENT).list();
    }

    public Optional<ProjectEvent> lastChange(ProjectControlId id) {
        return jdbc.sql("select at, actor, field, from_value, to_value from project_event where project_control_id = :id order by at desc, id desc limit 1")
                .param("id", id.value()).query(EVENT).optional();
    }

    // --- mapping

    private static final RowMapper<ProjectEvent> EVENT = (rs, n) -> new ProjectEvent(instant(rs, "at"),
            rs.getString("actor"), rs.getString("field"), rs.getString("from_value"), rs.getString("to_value"));

    private static final RowMapper<ProjectRow> PROJECT = (rs, n) -> new ProjectRow(new ProjectId(rs.getLong("id")),
            new TeamId(rs.getLong("team_id")), rs.getString("team_name"), rs.getString("name"),
            rs.getString("description"), List.of((String[]) rs.getArray("aws_account_ids").getArray()),
            new ModelId(rs.getLong("model_id")), rs.getString("model_label"), rs.getBoolean("archived"),
            rs.getLong("version"), instant(rs, "updated_at"), rs.getString("updated_by"));

    public static final RowMapper<ProjectControl> CONTROL = (rs, n) -> new ProjectControl(
            new ProjectControlId(rs.getLong("id")), rs.getLong("version"), new ProjectControlData(
            new ProjectId(rs.getLong("project_id")), rs.getString("project_name"), new TeamId(rs.getLong("team_id")),
            new ControlId(rs.getLong("control_id")), rs.getString("code"), rs.getString("title"),
            rs.getString("domain_code"), rs.getString("domain_name"), Owner.valueOf(rs.getString("owner")),
            rs.getString("owner_reason"), Status.valueOf(rs.getString("status")), rs.getString("justification"),
            rs.getObject("due_date", LocalDate.class), rs.getString("notes"),
            instant(rs, "updated_at"), rs.getString("updated_by")));

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var odt = rs.getObject(column, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }
}
