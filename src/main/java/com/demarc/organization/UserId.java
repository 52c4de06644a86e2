package com.demarc.organization;

/** Identifies a user account. */
public record UserId(long value) {
}
