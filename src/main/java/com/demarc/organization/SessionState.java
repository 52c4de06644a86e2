package com.demarc.organization;

import com.demarc.shared.Role;

import java.time.LocalDate;
import java.util.Set;

/**
 * A user's rights as the database holds them now, compared with each session on every request. Sessions holding a
 * version below {@code signOutVersion} are ended; below {@code securityVersion}, refreshed.
 */
public record SessionState(UserId id, String username, String displayName, Set<Role> roles, boolean enabled,
                           LocalDate accessUntil, long securityVersion, long signOutVersion) {

    /** True when the account may no longer be used on this date (disabled, or an auditor past the end date). */
    public boolean refusedOn(LocalDate today) {
        return !enabled || (accessUntil != null && accessUntil.isBefore(today));
    }
}
