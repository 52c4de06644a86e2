package com.demarc.organization;

/** Published when an account is disabled, so its live sessions can be ended at once. */
public record UserDisabled(UserId userId, String username) {
}
