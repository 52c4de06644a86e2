package com.demarc.organization;

import java.time.Instant;

/** A SCIM bearer token as admins see it: never the secret, which is shown once at creation. */
public record ScimToken(long id, String name, String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }

    /** A token just created, with its secret (shown once, stored only as a hash). */
    public record Created(ScimToken token, String secret) {
    }
}
