package com.demarc.organization;

import com.demarc.shared.Role;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A user account as admins see it (never the password hash). */
public record UserAccount(UserId id, String username, String displayName, String email, boolean enabled,
                          Set<Role> roles, List<TeamId> teamIds, List<String> teamNames,
                          long version, Instant updatedAt, String updatedBy) {
}
