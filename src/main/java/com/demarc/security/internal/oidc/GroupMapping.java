package com.demarc.security.internal.oidc;

import com.demarc.shared.Role;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Groups → roles and team names: exact, case-sensitive group names, as the provider sends them (ADR 0012). */
public record GroupMapping(Map<Role, String> roleGroups, String teamPrefix) {
    /** What a set of groups grants. */
    public record Granted(Set<Role> roles, Set<String> teamNames) {
    }

    public Granted map(Collection<String> groups) {
        var roles = EnumSet.noneOf(Role.class);
        var teams = new LinkedHashSet<String>();
        for (String group : groups) {
            roleGroups.forEach((role, name) -> {
                if (name != null && !name.isBlank() && name.equals(group)) {
                    roles.add(role);
                }
            });
            if (!teamPrefix.isEmpty() && group.startsWith(teamPrefix) && group.length() > teamPrefix.length()) {
                teams.add(group.substring(teamPrefix.length()).strip());
            }
        }
        return new Granted(roles, teams);
    }
}
