package com.demarc.audit;

import com.demarc.audit.internal.AuditRepository;
import com.demarc.shared.Actors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static com.demarc.shared.Permissions.AUDIT_READ;

/**
 * Appends entries to the audit log — in the caller's transaction, so an entry exists exactly when the change it
 * records does — and walks the hash chain to verify it (ADR 0007).
 */
@Service
public class AuditLog {
    private static final String HAS_AUDIT_READ = "hasAuthority('" + AUDIT_READ + "')";

    private final AuditRepository repository;
    private final Clock clock;

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records a change in the caller's transaction (it rolls back with the change). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, Object entityId, String summary, String before, String after) {
        append(action, entityType, entityId, summary, before, after);
    }

    /**
     * Records an event that must survive the caller's failure — a failed login, an access denial, a download —
     * in its own transaction.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordIndependently(String action, String entityType, Object entityId, String summary) {
        append(action, entityType, entityId, summary, null, null);
    }

    private void append(String action, String entityType, Object entityId, String summary, String before, String after) {
        repository.lockForAppend();
        var last = repository.last();
        long seq = last.map(e -> e.seq() + 1).orElse(1L);
        String prev = last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var entry = new AuditEntry(seq, at, Actors.currentUsername(), address(), action, entityType,
                entityId == null ? null : entityId.toString(), clip(summary, 2000), clip(before, 4000), clip(after, 4000),
                prev, null);
        var hashed = new AuditEntry(entry.seq(), entry.at(), entry.actor(), entry.address(), entry.action(),
                entry.entityType(), entry.entityId(), entry.summary(), entry.before(), entry.after(), prev, hash(entry));
        repository.insert(hashed);
    }

    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditFilter filter, int offset, int limit) {
        return repository.find(filter, offset, limit);
    }

    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true)
    public int count(AuditFilter filter) {
        return repository.count(filter);
    }

    /** Walks the whole chain in order and reports the first entry that was edited, deleted, inserted or moved. */
    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true)
    public ChainReport verify() {
        var state = new Object() {
            long checked;
            long expectedSeq = 1;
            String prevHash = AuditEntry.GENESIS;
            Long broken;
            String problem;
        };
        repository.walk(e -> {
            if (state.broken != null) {
                return;
            }
            state.checked++;
            if (e.seq() != state.expectedSeq) {
                state.broken = state.expectedSeq;
                state.problem = "entry " + state.expectedSeq + " is missing (deleted); the next entry found is " + e.seq() + ".";
            } else if (!e.prevHash().equals(state.prevHash)) {
                state.broken = e.seq();
                state.problem = "it does not follow entry " + (e.seq() - 1) + " (an entry was inserted, removed or reordered).";
            } else if (!e.hash().equals(hash(e))) {
                state.broken = e.seq();
                state.problem = "its content was changed after it was written (" + e.action() + " by " + e.actor() + ").";
            }
            state.expectedSeq = e.seq() + 1;
            state.prevHash = e.hash();
        });
        return new ChainReport(state.checked, state.broken, state.problem);
    }

    static String hash(AuditEntry e) {
        return e.computeHash();
    }

    /**
     * For bulk loaders (the scale-data generator): takes the append lock in the caller's transaction and returns the
     * chain's last entry, so the loader can continue the chain with {@link AuditEntry#computeHash()}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<AuditEntry> lockHeadForBulkAppend() {
        repository.lockForAppend();
        return repository.last();
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
