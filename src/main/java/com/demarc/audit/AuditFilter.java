package com.demarc.audit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** What the audit log view filters by; null fields mean "any". */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String entity,
                          @Nullable Instant from, @Nullable Instant to) {
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }
}
