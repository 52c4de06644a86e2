package com.demarc.organization;

import com.demarc.shared.Role;

import java.util.Set;

/** What an admin enters to create or edit a user. */
public record UserDraft(String username, String displayName, String email, boolean enabled, Set<Role> roles,
                        Set<TeamId> teams) {
}
