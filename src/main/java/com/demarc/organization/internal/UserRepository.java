package com.demarc.organization.internal;

import com.demarc.organization.LoginAccount;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserAccount;
import com.demarc.organization.UserId;
import com.demarc.organization.UserRef;
import com.demarc.shared.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** SQL for app_user and its memberships. */
@Repository
public class UserRepository {
    private static final String SELECT = """
            select u.id, u.username, u.display_name, u.email, u.enabled, u.roles, u.version, u.updated_at, u.updated_by,
                   coalesce(array_agg(t.id order by t.name) filter (where t.id is not null), '{}') as team_ids,
                   coalesce(array_agg(t.name order by t.name) filter (where t.id is not null), '{}') as team_names
              from app_user u
              left join team_membership m on m.user_id = u.id
              left join team t on t.id = m.team_id
            """;
    private static final String FILTER = """
             where (:filter = '' or u.username ilike :pattern or u.display_name ilike :pattern or u.email ilike :pattern)
            """;

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<UserAccount> find(String filter, int offset, int limit) {
        return jdbc.sql(SELECT + FILTER + " group by u.id order by u.username offset :offset limit :limit")
                .param("filter", filter).param("pattern", pattern(filter))
                .param("offset", offset).param("limit", limit)
                .query(ACCOUNT).list();
    }

    public int count(String filter) {
        return jdbc.sql("select count(*) from app_user u" + FILTER)
                .param("filter", filter).param("pattern", pattern(filter))
                .query(Integer.class).single();
    }

    public Optional<UserAccount> findById(UserId id) {
        return jdbc.sql(SELECT + " where u.id = :id group by u.id").param("id", id.value()).query(ACCOUNT).optional();
    }

    public Optional<LoginAccount> findLogin(String username) {
        return jdbc.sql("select id, username, display_name, password_hash, enabled, roles, access_until, security_version from app_user where username = :u")
                .param("u", username)
                .query((rs, n) -> new LoginAccount(new UserId(rs.getLong("id")), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                        roles(rs.getArray("roles")), rs.getObject("access_until", java.time.LocalDate.class),
                        rs.getLong("security_version")))
                .optional();
    }

    /** Bumps the security version (and the sign-out version with it when sessions end); returns the new version. */
    public long bumpSecurityVersion(UserId id, boolean endSessions) {
        return jdbc.sql("""
                        update app_user set security_version = security_version + 1,
                               sign_out_version = case when :end then security_version + 1 else sign_out_version end
                         where id = :id returning security_version""")
                .param("end", endSessions).param("id", id.value()).query(Long.class).optional().orElse(0L);
    }

    /** One primary-key read: what every request compares its session with. */
    public Optional<com.demarc.organization.SessionState> sessionState(UserId id) {
        return jdbc.sql("""
                        select id, username, display_name, enabled, roles, access_until, security_version, sign_out_version
                          from app_user where id = :id""")
                .param("id", id.value())
                .query((rs, n) -> new com.demarc.organization.SessionState(new UserId(rs.getLong("id")),
                        rs.getString("username"), rs.getString("display_name"), roles(rs.getArray("roles")),
                        rs.getBoolean("enabled"), rs.getObject("access_until", java.time.LocalDate.class),
                        rs.getLong("security_version"), rs.getLong("sign_out_version")))
                .optional();
    }

    public boolean exists(String username) {
        return jdbc.sql("select exists(select 1 from app_user where username = :u)").param("u", username)
                .query(Boolean.class).single();
    }

    public boolean any() {
        return jdbc.sql("select exists(select 1 from app_user)").query(Boolean.class).single();
    }

    public UserId insert(String username, String displayName, String email, String passwordHash, boolean enabled,
                         Set<Role> roles, String actor) {
        long id = jdbc.sql("""
                        insert into app_user (username, display_name, email, password_hash, enabled, roles, updated_by)
                        values (:username, :displayName, :email, :hash, :enabled, :roles::varchar(16)[], :actor)
                        returning id""")
                .param("username", username).param("displayName", displayName).param("email", email)
                .param("hash", passwordHash).param("enabled", enabled).param("roles", roleArray(roles))
                .param("actor", actor)
                .query(Long.class).single();
        return new UserId(id);
    }

    /** Updates the profile if the version still matches; false when someone else saved first. */
    public boolean update(UserId id, long expectedVersion, String displayName, String email, boolean enabled,
                          Set<Role> roles, String actor) {
        return jdbc.sql("""
                        update app_user set display_name = :displayName, email = :email, enabled = :enabled,
                               roles = :roles::varchar(16)[], updated_at = now(), updated_by = :actor, version = version + 1
                         where id = :id and version = :version""")
                .param("displayName", displayName).param("email", email).param("enabled", enabled)
                .param("roles", roleArray(roles)).param("actor", actor)
                .param("id", id.value()).param("version", expectedVersion)
                .update() == 1;
    }

    public void updatePassword(UserId id, String hash, String actor) {
        jdbc.sql("""
                        update app_user set password_hash = :hash, updated_at = now(), updated_by = :actor,
                               version = version + 1 where id = :id""")
                .param("hash", hash).param("actor", actor).param("id", id.value()).update();
    }

    public void replaceMemberships(UserId id, Set<TeamId> teams) {
        jdbc.sql("delete from team_membership where user_id = :id").param("id", id.value()).update();
        for (TeamId team : teams) {
            jdbc.sql("insert into team_membership (team_id, user_id) values (:t, :u)")
                    .param("t", team.value()).param("u", id.value()).update();
        }
    }

    public List<com.demarc.organization.Contact> contacts(java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, username, display_name, email, enabled from app_user where id = any(:ids) order by id")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new))
                .query((rs, n) -> new com.demarc.organization.Contact(new UserId(rs.getLong(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5))).list();
    }

    public List<UserId> enabledMembersOf(java.util.Collection<TeamId> teams) {
        if (teams.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct u.id from team_membership m join app_user u on u.id = m.user_id
                        where m.team_id = any(:teams) and u.enabled order by u.id""")
                .param("teams", teams.stream().map(TeamId::value).toArray(Long[]::new))
                .query((rs, n) -> new UserId(rs.getLong(1))).list();
    }

    public List<UserId> enabledWithRole(String role) {
        return jdbc.sql("select id from app_user where enabled and :role = any(roles) order by id")
                .param("role", role).query((rs, n) -> new UserId(rs.getLong(1))).list();
    }

    public java.util.Optional<UserId> idOf(String username) {
        return jdbc.sql("select id from app_user where username = :u").param("u", username)
                .query((rs, n) -> new UserId(rs.getLong(1))).optional();
    }

    public List<TeamId> teamsOf(UserId id) {
        return jdbc.sql("select team_id from team_membership where user_id = :id order by team_id")
                .param("id", id.value()).query((rs, n) -> new TeamId(rs.getLong(1))).list();
    }

    public List<TeamId> auditorScope(UserId id) {
        return jdbc.sql("select team_id from auditor_scope where user_id = :id order by team_id")
                .param("id", id.value()).query((rs, n) -> new TeamId(rs.getLong(1))).list();
    }

    public void setAuditorAccess(UserId id, java.time.LocalDate until, java.util.Set<TeamId> scope, String actor) {
        jdbc.sql("update app_user set access_until = :u, updated_at = now(), updated_by = :a, version = version + 1 where id = :id")
                .param("u", until).param("a", actor).param("id", id.value()).update();
        jdbc.sql("delete from auditor_scope where user_id = :id").param("id", id.value()).update();
        for (TeamId t : scope) {
            jdbc.sql("insert into auditor_scope (user_id, team_id) values (:u, :t)").param("u", id.value())
                    .param("t", t.value()).update();
        }
    }

    public java.util.Optional<java.time.LocalDate> accessUntil(UserId id) {
        return jdbc.sql("select access_until from app_user where id = :id").param("id", id.value())
                .query((rs, n) -> rs.getObject(1, java.time.LocalDate.class)).optional();
    }

    public List<UserRef> enabledUsers() {
        return jdbc.sql("select id, username, display_name from app_user where enabled order by display_name")
                .query((rs, n) -> new UserRef(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3))).list();
    }

    /** Enabled users who can act on a control (team members and compliance managers): who may hold R or A. */
    public List<UserRef> eligibleOwners() {
        return jdbc.sql("""
                        select id, username, display_name from app_user
                         where enabled and roles && array['MEMBER','MANAGER']::varchar(16)[] order by display_name""")
                .query((rs, n) -> new UserRef(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * Enabled users who may hold R or A on a project of one of these teams: its members with the team-member role,
     * and compliance managers (issue 19: nobody acts on a project they cannot open).
     */
    public List<UserRef> ownersFor(java.util.Collection<TeamId> teams) {
        return jdbc.sql("""
                        select u.id, u.username, u.display_name from app_user u
                         where u.enabled and ('MANAGER' = any(u.roles) or ('MEMBER' = any(u.roles)
                               and exists (select 1 from team_membership m where m.user_id = u.id and m.team_id = any(:teams))))
                         order by u.display_name""")
                .param("teams", teams.stream().map(TeamId::value).toArray(Long[]::new))
                .query((rs, n) -> new UserRef(new UserId(rs.getLong(1)), rs.getString(2), rs.getString(3))).list();
    }

    /** Those of the given users who are neither members of this team nor compliance managers. */
    public Set<UserId> outsideTeam(java.util.Collection<UserId> ids, TeamId team) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                        select u.id from app_user u
                         where u.id = any(:ids) and not 'MANAGER' = any(u.roles)
                           and not exists (select 1 from team_membership m where m.user_id = u.id and m.team_id = :team)""")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new)).param("team", team.value())
                .query((rs, n) -> new UserId(rs.getLong(1))).list());
    }

    /** Those of the given users who may hold R or A. */
    public Set<UserId> eligibleOwnersAmong(java.util.Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                        select id from app_user
                         where id = any(:ids) and enabled and roles && array['MEMBER','MANAGER']::varchar(16)[]""")
                .param("ids", ids.stream().map(UserId::value).toArray(Long[]::new))
                .query((rs, n) -> new UserId(rs.getLong(1))).list());
    }

    private static String pattern(String filter) {
        return com.demarc.shared.SqlFilter.containsPattern(filter);
    }

    static String[] roleArray(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Set<Role> roles(Array array) throws SQLException {
        var names = (String[]) array.getArray();
        var set = EnumSet.noneOf(Role.class);
        Arrays.stream(names).map(Role::valueOf).forEach(set::add);
        return set;
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var odt = rs.getObject(column, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }

    private static final RowMapper<UserAccount> ACCOUNT = (rs, n) -> new UserAccount(
            new UserId(rs.getLong("id")), rs.getString("username"), rs.getString("display_name"),
            rs.getString("email"), rs.getBoolean("enabled"), roles(rs.getArray("roles")),
            Arrays.stream((Long[]) rs.getArray("team_ids").getArray()).map(TeamId::new).toList(),
            List.of((String[]) rs.getArray("team_names").getArray()),
            rs.getLong("version"), instant(rs, "updated_at"), rs.getString("updated_by"));
}
