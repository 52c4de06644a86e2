package com.demarc.audit;

import java.time.Instant;

/** What the audit log view filters by; null fields mean "any". */
public record AuditFilter(String actor, String action, String entity, Instant from, Instant to) {
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null);
    }
}
