package com.demarc.security.internal.oidc;

import com.demarc.shared.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumMap;
import java.util.Map;

/**
 * How identity-provider groups map to Demarc ({@code demarc.sso.*}): the claim that lists them, the group for each
 * role, the prefix that names a team (ADR 0012).
 */
@ConfigurationProperties("demarc.sso")
public class SsoProperties {
    private String groupsClaim = "groups";
    private String teamPrefix = "team:";
    private final Map<Role, String> roles = new EnumMap<>(Map.of(
            Role.ADMIN, "demarc-admins", Role.MANAGER, "demarc-managers",
            Role.AUDITOR, "demarc-auditors", Role.MEMBER, "demarc-members"));

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    public String getTeamPrefix() {
        return teamPrefix;
    }

    public void setTeamPrefix(String teamPrefix) {
        this.teamPrefix = teamPrefix;
    }

    /** Role → group name; {@code demarc.sso.roles.MANAGER=grc-managers} replaces one default. */
    public Map<Role, String> getRoles() {
        return roles;
    }
}
