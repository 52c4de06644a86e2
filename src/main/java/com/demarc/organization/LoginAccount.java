package com.demarc.organization;

import com.demarc.shared.Role;

import java.util.Set;

/** What sign-in needs to know about an account. */
public record LoginAccount(UserId id, String username, String displayName, String passwordHash, boolean enabled,
                           Set<Role> roles, java.time.LocalDate accessUntil, long securityVersion) {
}
