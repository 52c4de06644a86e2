package com.demarc.audit;

import java.time.Instant;

/** One audit log entry; {@code hash} covers its content and the previous entry's hash. */
public record AuditEntry(long seq, Instant at, String actor, String address, String action, String entityType,
                         String entityId, String summary, String before, String after, String prevHash, String hash) {
}
