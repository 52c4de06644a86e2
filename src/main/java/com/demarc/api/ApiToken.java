package com.demarc.api;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** An API token as its owner (or a manager, for service accounts) sees it: never the secret, shown once at creation. */
public record ApiToken(long id, Kind kind, String name, long userId, String username, @Nullable Long teamId,
                       @Nullable String teamName, @Nullable String role, String hint, String createdBy, Instant createdAt,
                       Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt,
                       @Nullable String revokedBy) {

    /** A personal access token (acts as its user) or a team service account's token. */
    public enum Kind { PERSONAL, SERVICE }

    public boolean active(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    /** "active", "expired" or "revoked". */
    public String state(Instant now) {
        return revokedAt != null ? "revoked" : expiresAt.isAfter(now) ? "active" : "expired";
    }

    /** A token just created, with its secret (shown once, stored only as a SHA-256). */
    public record Created(ApiToken token, String secret) {
    }
}
