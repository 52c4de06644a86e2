package com.demarc.organization.internal.scim;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.GroupMapping;
import com.demarc.organization.SecurityVersions;
import com.demarc.organization.TeamId;
import com.demarc.organization.UserDisabled;
import com.demarc.organization.UserId;
import com.demarc.organization.internal.UserRepository;
import com.demarc.shared.Actors;
import com.demarc.shared.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * SCIM 2.0 Users and Groups (RFC 7643/7644) over Demarc accounts: only a request authenticated by a SCIM bearer token
 * ({@code SCIM_PROVISION}) passes. Provisioned accounts have source SCIM and no password (they sign in through the
 * identity provider); their roles and team memberships follow the groups they are in ({@link GroupMapping}).
 * Deactivation ({@code active=false}) bumps the security version with DISABLED, which ends their live sessions.
 * Every change is audited, as the token that made it.
 */
@Service
public class ScimProvisioning {
    public static final String AUTHORITY = "SCIM_PROVISION";
    static final String HAS_SCIM = "hasAuthority('" + AUTHORITY + "')";
    static final String ISSUER = "scim";
    private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_PAGE = 200;

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final SecurityVersions securityVersions;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final GroupMapping mapping;

    ScimProvisioning(JdbcClient jdbc, UserRepository users, SecurityVersions securityVersions,
                     ApplicationEventPublisher events, AuditLog audit, Environment environment) {
        this.jdbc = jdbc;
        this.users = users;
        this.securityVersions = securityVersions;
        this.events = events;
        this.audit = audit;
        this.mapping = GroupMapping.from(environment);
    }

    // ---------------------------------------------------------------- users

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode createUser(ObjectNode body, String baseUrl) throws ScimException {
        var in = read(body, UserResource.class);
        var values = UserValues.of(in);
        if (jdbc.sql("select exists(select 1 from scim_user where lower(user_name) = lower(:n))").param("n", values.userName)
                .query(Boolean.class).single()) {
            throw new ResourceConflictException("userName '" + values.userName + "' is already provisioned: "
                    + "look it up with filter=userName eq \"" + values.userName + "\" and update it instead.");
        }
        String username = freeUsername(values.userName);
        long id = jdbc.sql("""
                        insert into app_user (username, display_name, email, password_hash, enabled, roles, updated_by, source)
                        values (:u, :d, :e, null, :a, '{}'::varchar(16)[], :by, 'SCIM') returning id""")
                .param("u", username).param("d", values.displayName).param("e", values.email)
                .param("a", values.active).param("by", Actors.currentUsername()).query(Long.class).single();
        jdbc.sql("insert into scim_user (user_id, user_name, external_id) values (:id, :n, :x)")
                .param("id", id).param("n", values.userName).param("x", values.externalId).update();
        jdbc.sql("insert into external_identity (user_id, issuer, subject) values (:id, :i, :s) on conflict do nothing")
                .param("id", id).param("i", ISSUER).param("s", values.externalId != null ? values.externalId : values.userName)
                .update();
        audit.record(AuditAction.SCIM_USER_PROVISIONED, "user", username, "Provisioned user " + username
                + " (SCIM userName " + values.userName + ")", null, values.describe());
        return user(id, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional(readOnly = true)
    public ObjectNode getUser(String id, String baseUrl) throws ScimException {
        return user(userId(id), baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional(readOnly = true)
    public ObjectNode listUsers(String filter, Integer startIndex, Integer count, String baseUrl) throws ScimException {
        return list(USERS, filter, startIndex, count, id -> user(id, baseUrl));
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode replaceUser(String id, ObjectNode body, String baseUrl) throws ScimException {
        long userId = userId(id);
        apply(userId, UserValues.of(read(body, UserResource.class)));
        return user(userId, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode patchUser(String id, ObjectNode body, String baseUrl) throws ScimException {
        long userId = userId(id);
        var patch = read(body, PatchRequest.class);
        var current = new GenericScimResource(user(userId, baseUrl));
        patch.apply(current);
        apply(userId, UserValues.of(read(current.getObjectNode(), UserResource.class)));
        return user(userId, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public void deleteUser(String id) throws ScimException {
        long userId = userId(id);
        String username = username(userId);
        // the account stays (its name is in the audit log and RACI history); it is disabled and its SCIM link removed
        boolean wasEnabled = jdbc.sql("select enabled from app_user where id = :id").param("id", userId)
                .query(Boolean.class).single();
        jdbc.sql("update app_user set enabled = false, updated_at = now(), updated_by = :by, version = version + 1 where id = :id")
                .param("by", Actors.currentUsername()).param("id", userId).update();
        jdbc.sql("delete from scim_group_member where user_id = :id").param("id", userId).update();
        jdbc.sql("delete from scim_user where user_id = :id").param("id", userId).update();
        jdbc.sql("delete from external_identity where user_id = :id and issuer = :i").param("id", userId).param("i", ISSUER).update();
        if (wasEnabled) {
            securityVersions.bump(new UserId(userId), SecurityVersions.Reason.DISABLED);
            events.publishEvent(new UserDisabled(new UserId(userId), username));
        }
        audit.record(AuditAction.SCIM_USER_DELETED, "user", username, "Deprovisioned user " + username
                + " (disabled, SCIM link removed)", wasEnabled ? "enabled" : "disabled", "disabled");
    }

    private void apply(long userId, UserValues values) throws ScimException {
        var before = jdbc.sql("""
                        select u.username, u.display_name, u.email, u.enabled, s.user_name, s.external_id
                          from app_user u join scim_user s on s.user_id = u.id where u.id = :id""")
                .param("id", userId)
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6)})
                .single();
        String username = (String) before[0];
        boolean wasEnabled = (Boolean) before[3];
        if (!values.userName.equalsIgnoreCase((String) before[4]) && jdbc.sql(
                "select exists(select 1 from scim_user where lower(user_name) = lower(:n) and user_id <> :id)")
                .param("n", values.userName).param("id", userId).query(Boolean.class).single()) {
            throw new ResourceConflictException("userName '" + values.userName + "' belongs to another provisioned user.");
        }
        jdbc.sql("""
                        update app_user set display_name = :d, email = :e, enabled = :a, updated_at = now(), updated_by = :by,
                               version = version + 1 where id = :id""")
                .param("d", values.displayName).param("e", values.email).param("a", values.active)
                .param("by", Actors.currentUsername()).param("id", userId).update();
        jdbc.sql("update scim_user set user_name = :n, external_id = :x, updated_at = now(), version = version + 1 where user_id = :id")
                .param("n", values.userName).param("x", values.externalId).param("id", userId).update();
        var id = new UserId(userId);
        String describedBefore = "userName=" + before[4] + ", name=" + before[1] + ", email=" + before[2] + ", active=" + wasEnabled;
        if (wasEnabled && !values.active) {
            securityVersions.bump(id, SecurityVersions.Reason.DISABLED);
            events.publishEvent(new UserDisabled(id, username));
            audit.record(AuditAction.SCIM_USER_DEACTIVATED, "user", username, "Deactivated user " + username
                    + " (SCIM active=false): sessions ended", describedBefore, values.describe());
        } else {
            if (!wasEnabled && values.active) {
                securityVersions.bump(id, SecurityVersions.Reason.ENABLED);
            }
            audit.record(AuditAction.SCIM_USER_UPDATED, "user", username, "Updated user " + username + " (SCIM)",
                    describedBefore, values.describe());
        }
    }

    private ObjectNode user(long id, String baseUrl) throws ScimException {
        var row = jdbc.sql("""
                        select u.id, u.display_name, u.email, u.enabled, u.version, s.user_name, s.external_id,
                               s.created_at, greatest(u.updated_at, s.updated_at) as modified
                          from app_user u join scim_user s on s.user_id = u.id where u.id = :id""")
                .param("id", id)
                .query((rs, n) -> {
                    var r = new UserResource();
                    r.setId(String.valueOf(rs.getLong("id")));
                    r.setExternalId(rs.getString("external_id"));
                    r.setUserName(rs.getString("user_name"));
                    r.setDisplayName(rs.getString("display_name"));
                    r.setName(new Name().setFormatted(rs.getString("display_name")));
                    r.setEmails(List.of(new Email().setValue(rs.getString("email")).setPrimary(true).setType("work")));
                    r.setActive(rs.getBoolean("enabled"));
                    r.setMeta(meta("User", baseUrl + "/Users/" + rs.getLong("id"), rs.getTimestamp("created_at"),
                            rs.getTimestamp("modified"), rs.getLong("version")));
                    return r;
                })
                .optional()
                .orElseThrow(() -> new ResourceNotFoundException("No provisioned user with id " + id + "."));
        return JsonUtils.valueToNode(row);
    }

    private long userId(String id) throws ScimException {
        return existing(id, "select exists(select 1 from scim_user where user_id = :id)", "No provisioned user with id ");
    }

    /** The id in a request's path, when {@code existsSql} finds it; else SCIM's 404 saying {@code notFound + id}. */
    private long existing(String id, String existsSql, String notFound) throws ScimException {
        try {
            long value = Long.parseLong(id);
            if (jdbc.sql(existsSql).param("id", value).query(Boolean.class).single()) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // an id that Demarc never issued
        }
        throw new ResourceNotFoundException(notFound + id + ".");
    }

    private String username(long id) {
        return jdbc.sql("select username from app_user where id = :id").param("id", id).query(String.class).single();
    }

    /** A Demarc username from the SCIM userName (often an e-mail address): lower case, [a-z0-9._-], unique. */
    private String freeUsername(String userName) {
        String base = userName.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", ".")
                .replaceAll("^[^a-z0-9]+", "");
        if (base.length() > 56) {
            base = base.substring(0, 56);
        }
        if (base.length() < 2) {
            base = "scim-user";
        }
        String candidate = base;
        for (int i = 2; users.exists(candidate) || !USERNAME.matcher(candidate).matches(); i++) {
            candidate = base + "-" + i;
            if (i > 1000) {
                throw new IllegalStateException("No free username for " + userName);
            }
        }
        return candidate;
    }

    // ---------------------------------------------------------------- groups

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode createGroup(ObjectNode body, String baseUrl) throws ScimException {
        var in = read(body, GroupResource.class);
        String name = groupName(in);
        if (jdbc.sql("select exists(select 1 from scim_group where lower(display_name) = lower(:n))").param("n", name)
                .query(Boolean.class).single()) {
            throw new ResourceConflictException("Group '" + name + "' exists: look it up with filter=displayName eq \""
                    + name + "\" and update it instead.");
        }
        long id = jdbc.sql("insert into scim_group (display_name, external_id) values (:n, :x) returning id")
                .param("n", name).param("x", in.getExternalId()).query(Long.class).single();
        setMembers(id, name, members(in), "Created group " + name);
        return group(id, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional(readOnly = true)
    public ObjectNode getGroup(String id, String baseUrl) throws ScimException {
        return group(groupId(id), baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional(readOnly = true)
    public ObjectNode listGroups(String filter, Integer startIndex, Integer count, String baseUrl) throws ScimException {
        return list(GROUPS, filter, startIndex, count, id -> group(id, baseUrl));
    }

    /**
     * What a list of one resource type reads: its rows ({@code from}), their id column, the SQL condition for each
     * attribute a filter may test with {@code eq} (on the parameter {@code :v}), and what to say for any other filter.
     */
    private record Listing(String from, String id, java.util.Map<String, String> equals, String filterHint) {
    }

    private static final Listing USERS = new Listing("scim_user s", "s.user_id", java.util.Map.of(
            "username", "lower(s.user_name) = lower(:v)",
            "externalid", "s.external_id = :v",
            "id", "cast(s.user_id as varchar) = :v"), "Filter on userName, externalId or id with eq.");
    private static final Listing GROUPS = new Listing("scim_group g", "g.id", java.util.Map.of(
            "displayname", "lower(g.display_name) = lower(:v)",
            "externalid", "g.external_id = :v",
            "id", "cast(g.id as varchar) = :v"), "Filter on displayName, externalId or id with eq.");

    @FunctionalInterface
    private interface Render {
        ObjectNode apply(long id) throws ScimException;
    }

    /** One page of a resource type (RFC 7644 §3.4.2: 1-based startIndex, count capped at MAX_PAGE), optionally filtered. */
    private ObjectNode list(Listing listing, String filter, Integer startIndex, Integer count, Render render)
            throws ScimException {
        String where = "";
        String value = null;
        if (filter != null && !filter.isBlank()) {
            var f = equality(filter);
            var condition = listing.equals().get(f.getAttributePath().toString().toLowerCase(Locale.ROOT));
            if (condition == null) {
                throw BadRequestException.invalidFilter(listing.filterHint());
            }
            value = f.getComparisonValue().asText();
            where = " where " + condition;
        }
        int start = Math.max(1, startIndex == null ? 1 : startIndex);
        int size = Math.min(MAX_PAGE, Math.max(0, count == null ? 100 : count));
        var countQuery = jdbc.sql("select count(*) from " + listing.from() + where);
        var idsQuery = jdbc.sql("select " + listing.id() + " from " + listing.from() + where + " order by "
                        + listing.id() + " offset :o limit :l")
                .param("o", start - 1).param("l", size);
        if (value != null) {
            countQuery = countQuery.param("v", value);
            idsQuery = idsQuery.param("v", value);
        }
        int total = countQuery.query(Integer.class).single();
        var resources = new ArrayList<ObjectNode>();
        for (long id : idsQuery.query(Long.class).list()) {
            resources.add(render.apply(id));
        }
        return JsonUtils.valueToNode(new ListResponse<>(total, resources, start, resources.size()));
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode replaceGroup(String id, ObjectNode body, String baseUrl) throws ScimException {
        long groupId = groupId(id);
        var in = read(body, GroupResource.class);
        replaceGroup(groupId, in);
        return group(groupId, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public ObjectNode patchGroup(String id, ObjectNode body, String baseUrl) throws ScimException {
        long groupId = groupId(id);
        var patch = read(body, PatchRequest.class);
        var current = new GenericScimResource(group(groupId, baseUrl));
        patch.apply(current);
        replaceGroup(groupId, read(current.getObjectNode(), GroupResource.class));
        return group(groupId, baseUrl);
    }

    @PreAuthorize(HAS_SCIM)
    @Transactional
    public void deleteGroup(String id) throws ScimException {
        long groupId = groupId(id);
        String name = jdbc.sql("select display_name from scim_group where id = :id").param("id", groupId)
                .query(String.class).single();
        setMembers(groupId, name, Set.of(), "Deleted group " + name);
        jdbc.sql("delete from scim_group where id = :id").param("id", groupId).update();
    }

    private void replaceGroup(long groupId, GroupResource in) throws ScimException {
        String name = groupName(in);
        String old = jdbc.sql("select display_name from scim_group where id = :id").param("id", groupId)
                .query(String.class).single();
        if (!old.equalsIgnoreCase(name) && jdbc.sql(
                "select exists(select 1 from scim_group where lower(display_name) = lower(:n) and id <> :id)")
                .param("n", name).param("id", groupId).query(Boolean.class).single()) {
            throw new ResourceConflictException("Another group is named '" + name + "'.");
        }
        var members = members(in);
        // a rename changes what the group grants: everyone in it before or after is recomputed
        var before = currentMembers(groupId);
        jdbc.sql("update scim_group set display_name = :n, external_id = :x, updated_at = now(), version = version + 1 where id = :id")
                .param("n", name).param("x", in.getExternalId()).param("id", groupId).update();
        before.addAll(members);
        setMembers(groupId, name, members, "Changed group " + (old.equals(name) ? name : old + " → " + name), before);
    }

    private void setMembers(long groupId, String name, Set<Long> members, String summary) {
        setMembers(groupId, name, members, summary, new HashSet<>(members));
    }

    private void setMembers(long groupId, String name, Set<Long> members, String summary, Set<Long> affected) {
        var before = currentMembers(groupId);
        affected.addAll(before);
        jdbc.sql("delete from scim_group_member where group_id = :g").param("g", groupId).update();
        for (long member : members) {
            jdbc.sql("insert into scim_group_member (group_id, user_id) values (:g, :u)").param("g", groupId)
                    .param("u", member).update();
        }
        audit.record(AuditAction.SCIM_GROUP_CHANGED, "scim_group", name, summary + " (SCIM)",
                "members=" + sorted(before), "members=" + sorted(members));
        for (long user : affected) {
            recomputeRights(user);
        }
    }

    /** Roles and team memberships of a provisioned user follow the groups they are in (GroupMapping). */
    private void recomputeRights(long userId) {
        var groups = jdbc.sql("""
                        select g.display_name from scim_group g join scim_group_member m on m.group_id = g.id
                         where m.user_id = :u order by g.display_name""")
                .param("u", userId).query(String.class).list();
        Set<Role> roles = mapping.rolesFor(groups);
        var teamNames = mapping.teamsFor(groups);
        Set<TeamId> teams = new LinkedHashSet<>();
        for (String teamName : teamNames) {
            jdbc.sql("select id from team where lower(name) = lower(:n)").param("n", teamName).query(Long.class)
                    .optional().ifPresent(t -> teams.add(new TeamId(t)));
        }
        var id = new UserId(userId);
        var account = users.findById(id).orElseThrow();
        boolean rolesChanged = !EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles)
                .equals(account.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(account.roles()));
        boolean teamsChanged = !Set.copyOf(teams).equals(Set.copyOf(account.teamIds()));
        if (rolesChanged) {
            jdbc.sql("update app_user set roles = :r::varchar(16)[], updated_at = now(), updated_by = :by, version = version + 1 where id = :id")
                    .param("r", roles.stream().map(Enum::name).sorted().toArray(String[]::new))
                    .param("by", Actors.currentUsername()).param("id", userId).update();
            securityVersions.bump(id, SecurityVersions.Reason.ROLES_CHANGED);
        }
        if (teamsChanged) {
            users.replaceMemberships(id, teams);
            securityVersions.bump(id, SecurityVersions.Reason.TEAMS_CHANGED);
        }
        if (rolesChanged || teamsChanged) {
            audit.record(AuditAction.SCIM_USER_UPDATED, "user", account.username(), "Rights of " + account.username()
                            + " follow their identity-provider groups " + groups,
                    "roles=" + account.roles() + ", teams=" + account.teamNames(), "roles=" + roles + ", teams=" + teamNames);
        }
    }

    private Set<Long> currentMembers(long groupId) {
        return new HashSet<>(jdbc.sql("select user_id from scim_group_member where group_id = :g").param("g", groupId)
                .query(Long.class).list());
    }

    private Set<Long> members(GroupResource in) throws ScimException {
        var ids = new LinkedHashSet<Long>();
        if (in.getMembers() != null) {
            for (Member member : in.getMembers()) {
                String value = member.getValue();
                Long id = null;
                try {
                    id = value == null ? null : Long.parseLong(value);
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                if (id == null || !jdbc.sql("select exists(select 1 from scim_user where user_id = :id)").param("id", id)
                        .query(Boolean.class).single()) {
                    throw BadRequestException.invalidValue("Member '" + value + "' is not a provisioned user id: "
                            + "provision the user first and use the id Demarc returned.");
                }
                ids.add(id);
            }
        }
        return ids;
    }

    private String groupName(GroupResource in) throws ScimException {
        String name = in.getDisplayName() == null ? "" : in.getDisplayName().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw BadRequestException.invalidValue("displayName is required (1 to 200 characters).");
        }
        return name;
    }

    private ObjectNode group(long id, String baseUrl) throws ScimException {
        var members = new ArrayList<Member>();
        jdbc.sql("""
                        select m.user_id, u.display_name from scim_group_member m join app_user u on u.id = m.user_id
                         where m.group_id = :g order by m.user_id""")
                .param("g", id)
                .query((rs, n) -> new Member().setValue(String.valueOf(rs.getLong(1))).setDisplay(rs.getString(2))
                        .setType("User").setRef(URI.create(baseUrl + "/Users/" + rs.getLong(1))))
                .list().forEach(members::add);
        var resource = jdbc.sql("select * from scim_group where id = :id").param("id", id)
                .query((rs, n) -> {
                    var g = new GroupResource();
                    g.setId(String.valueOf(rs.getLong("id")));
                    g.setExternalId(rs.getString("external_id"));
                    g.setDisplayName(rs.getString("display_name"));
                    g.setMembers(members);
                    g.setMeta(meta("Group", baseUrl + "/Groups/" + rs.getLong("id"), rs.getTimestamp("created_at"),
                            rs.getTimestamp("updated_at"), rs.getLong("version")));
                    return g;
                })
                .optional()
                .orElseThrow(() -> new ResourceNotFoundException("No group with id " + id + "."));
        return JsonUtils.valueToNode(resource);
    }

    private long groupId(String id) throws ScimException {
        return existing(id, "select exists(select 1 from scim_group where id = :id)", "No group with id ");
    }

    // ---------------------------------------------------------------- helpers

    private static Filter equality(String filter) throws ScimException {
        Filter f = Filter.fromString(filter);
        if (f.getFilterType() != com.unboundid.scim2.common.filters.FilterType.EQUAL) {
            throw BadRequestException.invalidFilter("Only 'attribute eq \"value\"' filters are supported.");
        }
        return f;
    }

    private static <T> T read(ObjectNode body, Class<T> type) throws ScimException {
        if (body == null) {
            throw BadRequestException.invalidSyntax("The request needs a JSON body.");
        }
        try {
            return JsonUtils.nodeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw BadRequestException.invalidSyntax("The body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw BadRequestException.invalidSyntax("The body is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private static Meta meta(String type, String location, Timestamp created, Timestamp modified, long version) {
        var meta = new Meta();
        meta.setResourceType(type);
        meta.setLocation(URI.create(location));
        meta.setCreated(calendar(created));
        meta.setLastModified(calendar(modified));
        meta.setVersion("W/\"" + version + "\"");
        return meta;
    }

    private static Calendar calendar(Timestamp t) {
        var c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(t.getTime());
        return c;
    }

    private static List<Long> sorted(Set<Long> ids) {
        return ids.stream().sorted().toList();
    }

    /** What Demarc keeps of a SCIM user, validated. */
    private record UserValues(String userName, String externalId, String displayName, String email, boolean active) {
        static UserValues of(UserResource in) throws ScimException {
            String userName = in.getUserName() == null ? "" : in.getUserName().strip();
            if (userName.isEmpty() || userName.length() > 320) {
                throw BadRequestException.invalidValue("userName is required (1 to 320 characters).");
            }
            String email = null;
            if (in.getEmails() != null) {
                email = in.getEmails().stream().filter(e -> Boolean.TRUE.equals(e.getPrimary()) && e.getValue() != null)
                        .map(Email::getValue).findFirst()
                        .or(() -> in.getEmails().stream().map(Email::getValue).filter(v -> v != null).findFirst())
                        .orElse(null);
            }
            if (email == null && EMAIL.matcher(userName).matches()) {
                email = userName;
            }
            if (email == null || !EMAIL.matcher(email.strip()).matches()) {
                throw BadRequestException.invalidValue("A valid e-mail address is required: send emails[primary] or an "
                        + "e-mail address as userName.");
            }
            String display = Optional.ofNullable(in.getDisplayName()).filter(s -> !s.isBlank())
                    .or(() -> Optional.ofNullable(in.getName()).map(Name::getFormatted).filter(s -> !s.isBlank()))
                    .or(() -> Optional.ofNullable(in.getName()).map(n -> ((n.getGivenName() == null ? "" : n.getGivenName())
                            + " " + (n.getFamilyName() == null ? "" : n.getFamilyName())).strip()).filter(s -> !s.isBlank()))
                    .orElse(userName).strip();
            if (display.length() > 200) {
                display = display.substring(0, 200);
            }
            return new UserValues(userName, in.getExternalId(), display, email.strip(),
                    in.getActive() == null || in.getActive());
        }

        String describe() {
            return "userName=" + userName + ", name=" + displayName + ", email=" + email + ", active=" + active;
        }
    }
}
