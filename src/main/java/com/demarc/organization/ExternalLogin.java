package com.demarc.organization;

import com.demarc.shared.Role;
import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * A person as an identity provider vouched for them at one sign-in, already mapped to Demarc's terms: the roles and
 * team names their groups grant ({@code groupsPresent} false when the token carried no groups claim at all).
 */
public record ExternalLogin(String provider, String issuer, String subject, @Nullable String email,
                            @Nullable String displayName, @Nullable String preferredUsername, Set<Role> roles,
                            Set<String> teamNames, boolean groupsPresent) {
    public ExternalLogin {
        roles = Set.copyOf(roles);
        teamNames = Set.copyOf(teamNames);
    }
}
