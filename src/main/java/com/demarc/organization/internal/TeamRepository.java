package com.demarc.organization.internal;

import com.demarc.organization.Team;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserId;
import com.demarc.organization.UserRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for team and team_membership. */
@Repository
public class TeamRepository {
    private final JdbcClient jdbc;

    public TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Team> findAll() {
        return load("select id, name, description, version, updated_at, updated_by from team order by lower(name)", null);
    }

    public Optional<Team> findById(TeamId id) {
        return load("select id, name, description, version, updated_at, updated_by from team where id = :id", id)
                .stream().findFirst();
    }

    public Optional<TeamId> findByName(String name) {
        return jdbc.sql("select id from team where lower(name) = lower(:n)").param("n", name)
                .query((rs, n) -> new TeamId(rs.getLong(1))).optional();
    }

    private List<Team> load(String sql, TeamId id) {
        var spec = jdbc.sql(sql);
        if (id != null) {
            spec = spec.param("id", id.value());
        }
        record Row(long id, String name, String description, long version, java.time.Instant updatedAt, String updatedBy) {
        }
        var rows = spec.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                rs.getLong("version"), UserRepository.instant(rs, "updated_at"), rs.getString("updated_by"))).list();
        var members = new LinkedHashMap<Long, List<UserRef>>();
        jdbc.sql("""
                        select m.team_id, u.id, u.username, u.display_name from team_membership m
                          join app_user u on u.id = m.user_id order by u.display_name""")
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new UserRef(new UserId(rs.getLong(2)), rs.getString(3), rs.getString(4)));
                });
        return rows.stream().map(r -> new Team(new TeamId(r.id()), r.name(), r.description(),
                List.copyOf(members.getOrDefault(r.id(), List.of())), r.version(), r.updatedAt(), r.updatedBy())).toList();
    }

    public TeamId insert(String name, String description, String actor) {
        return new TeamId(jdbc.sql("insert into team (name, description, updated_by) values (:n, :d, :a) returning id")
                .param("n", name).param("d", description).param("a", actor).query(Long.class).single());
    }

    public boolean update(TeamId id, long expectedVersion, String name, String description, String actor) {
        return jdbc.sql("""
                        update team set name = :n, description = :d, updated_at = now(), updated_by = :a,
                               version = version + 1 where id = :id and version = :v""")
                .param("n", name).param("d", description).param("a", actor)
                .param("id", id.value()).param("v", expectedVersion).update() == 1;
    }

    public void replaceMembers(TeamId id, Set<UserId> members) {
        jdbc.sql("delete from team_membership where team_id = :id").param("id", id.value()).update();
        for (UserId user : members) {
            jdbc.sql("insert into team_membership (team_id, user_id) values (:t, :u)")
                    .param("t", id.value()).param("u", user.value()).update();
        }
    }

    public void addMember(TeamId team, UserId user) {
        jdbc.sql("insert into team_membership (team_id, user_id) values (:t, :u) on conflict do nothing")
                .param("t", team.value()).param("u", user.value()).update();
    }
}
