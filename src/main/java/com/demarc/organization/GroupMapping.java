package com.demarc.organization;

import com.demarc.shared.Role;
import org.springframework.core.env.Environment;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How identity-provider groups become Demarc rights, the same for SCIM and OIDC sign-in: a group named
 * {@code demarc.sso.roles.<ROLE>} (default {@code demarc-admins}, {@code demarc-managers}, {@code demarc-auditors},
 * {@code demarc-members}) grants that role; a group {@code <team-prefix><Team name>} (default {@code team:}) makes the
 * user a member of that existing team. Group names compare case-insensitively.
 */
public record GroupMapping(Map<Role, String> roles, String teamPrefix) {
    public static final Map<Role, String> DEFAULT_ROLES = Map.of(Role.ADMIN, "demarc-admins", Role.MANAGER,
            "demarc-managers", Role.AUDITOR, "demarc-auditors", Role.MEMBER, "demarc-members");
    public static final String DEFAULT_TEAM_PREFIX = "team:";

    public GroupMapping {
        roles = Map.copyOf(roles);
        teamPrefix = teamPrefix == null || teamPrefix.isBlank() ? DEFAULT_TEAM_PREFIX : teamPrefix;
    }

    /** The defaults overridden by {@code demarc.sso.roles.<ROLE>} and {@code demarc.sso.team-prefix}. */
    public static GroupMapping from(Environment environment) {
        var roles = new EnumMap<Role, String>(Role.class);
        for (Role role : Role.values()) {
            roles.put(role, environment.getProperty("demarc.sso.roles." + role.name(),
                    DEFAULT_ROLES.getOrDefault(role, "demarc-" + role.name().toLowerCase(Locale.ROOT) + "s")));
        }
        return new GroupMapping(roles, environment.getProperty("demarc.sso.team-prefix", DEFAULT_TEAM_PREFIX));
    }

    /** The roles that the groups grant. */
    public Set<Role> rolesFor(Collection<String> groups) {
        var granted = EnumSet.noneOf(Role.class);
        for (String group : groups) {
            roles.forEach((role, name) -> {
                if (name.equalsIgnoreCase(group.strip())) {
                    granted.add(role);
                }
            });
        }
        return granted;
    }

    /** The team names that the groups name (prefix removed), in the order given. */
    public Set<String> teamsFor(Collection<String> groups) {
        var teams = new LinkedHashSet<String>();
        for (String group : groups) {
            String g = group.strip();
            if (g.regionMatches(true, 0, teamPrefix, 0, teamPrefix.length()) && g.length() > teamPrefix.length()) {
                teams.add(g.substring(teamPrefix.length()).strip());
            }
        }
        return teams;
    }
}
