package com.demarc.audit;

import com.demarc.audit.internal.AuditPool;
import com.demarc.audit.internal.AuditRepository;
import com.demarc.shared.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.demarc.shared.Permissions.AUDIT_READ;

/**
 * Appends entries to the audit log — in the caller's transaction, so an entry exists exactly when the change it
 * records does — signs checkpoints of its head with the audit key (every {@code demarc.audit.checkpoint-every}
 * entries and at least hourly), and verifies the hash chain against those checkpoints (ADR 0007).
 */
@Service
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String HAS_AUDIT_READ = "hasAuthority('" + AUDIT_READ + "')";
    /** Reading one recorded fact back: the auditors and whoever verifies audit packages. */
    private static final String HAS_RECORD_READ = "hasAnyAuthority('" + AUDIT_READ + "','"
            + com.demarc.shared.Permissions.EVIDENCE_EXPORT + "')";
    /** Bound in a transaction that holds the append lock, so an independent append in it does not wait for itself. */
    private static final Object LOCK_HELD = new Object();

    private final AuditRepository repository;
    private final AuditPool pool;
    private final AuditSigner signer;
    private final AuditProtection protection;
    private final Clock clock;
    private final long checkpointEvery;

    AuditLog(AuditRepository repository, AuditPool pool, AuditSigner signer, AuditProtection protection, Clock clock,
             @Value("${demarc.audit.checkpoint-every:1000}") long checkpointEvery) {
        this.repository = repository;
        this.pool = pool;
        this.signer = signer;
        this.protection = protection;
        this.clock = clock;
        this.checkpointEvery = Math.max(1, checkpointEvery);
    }

    /** Records a change in the caller's transaction (it rolls back with the change). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditAction action, String entityType, @Nullable Object entityId, String summary, @Nullable String before,
                       @Nullable String after) {
        repository.lockForAppend();
        markLockHeld();
        append(repository, action.name(), entityType, entityId, summary, before, after);
    }

    /**
     * Records an event that must survive the caller's failure — a failed login, an access denial, a download — in its
     * own transaction on the audit log's own small pool, so it never waits for (or deadlocks on) the main pool. When
     * the caller's transaction already holds the append lock, the entry is written right after that transaction ends,
     * committed or not.
     */
    public void recordIndependently(AuditAction action, String entityType, @Nullable Object entityId, String summary) {
        String actor = Actors.currentUsername();
        String address = address();
        Instant at = Instant.now(clock);
        if (TransactionSynchronizationManager.isSynchronizationActive() && TransactionSynchronizationManager.hasResource(LOCK_HELD)) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    appendIndependently(actor, address, at, action.name(), entityType, entityId, summary);
                }
            });
            return;
        }
        appendIndependently(actor, address, at, action.name(), entityType, entityId, summary);
    }

    private void appendIndependently(String actor, String address, Instant at, String action, String entityType,
                                     Object entityId, String summary) {
        try {
            pool.appendInOwnTransaction(repo -> append(repo, actor, address, at, action, entityType, entityId, summary, null, null));
        } catch (RuntimeException e) {
            // never silently lost: the log line carries the whole event
            log.error("AUDIT EVENT NOT STORED (audit database unavailable: {}): action={} actor={} address={} at={} "
                    + "entity={} {} summary={}", e.getMessage(), action, actor, address, at, entityType, entityId, summary);
            throw e;
        }
    }

    private void append(AuditRepository repo, String action, String entityType, Object entityId, String summary,
                        String before, String after) {
        append(repo, Actors.currentUsername(), address(), Instant.now(clock), action, entityType, entityId, summary, before, after);
    }

    /** Appends one entry; the caller holds the append lock. Every N-th entry is also signed as a checkpoint. */
    private void append(AuditRepository repo, String actor, String address, Instant when, String action, String entityType,
                        Object entityId, String summary, String before, String after) {
        var last = repo.last();
        long seq = last.map(e -> e.seq() + 1).orElse(1L);
        String prev = last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
        Instant at = when.truncatedTo(ChronoUnit.MICROS);
        if (last.isPresent() && at.isBefore(last.get().at())) {
            at = last.get().at(); // an event queued after its transaction never goes back in time
        }
        var entry = new AuditEntry(seq, at, actor, address, action, entityType,
                entityId == null ? null : entityId.toString(), clip(summary, 2000), clip(before, 4000), clip(after, 4000),
                prev, null);
        var hashed = new AuditEntry(entry.seq(), entry.at(), entry.actor(), entry.address(), entry.action(),
                entry.entityType(), entry.entityId(), entry.summary(), entry.before(), entry.after(), prev, hash(entry));
        repo.insert(hashed);
        if (seq % checkpointEvery == 0) {
            checkpoint(repo, hashed);
        }
    }

    private AuditCheckpoint checkpoint(AuditRepository repo, AuditEntry head) {
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var unsigned = new AuditCheckpoint(head.seq(), head.hash(), at, signer.keyId(), "");
        var signed = new AuditCheckpoint(head.seq(), head.hash(), at, signer.keyId(), signer.sign(unsigned.payload()));
        repo.insertCheckpoint(signed);
        Runnable announce = () -> log.info("Audit checkpoint signed: seq={} hash={} at={} keyId={} signature={}",
                signed.seq(), signed.hash(), signed.at(), signed.keyId(), signed.signature());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    announce.run();
                }
            });
        } else {
            announce.run();
        }
        return signed;
    }

    /**
     * Signs the current head unless it is signed already (the hourly job; safe on several nodes at once: it takes the
     * append lock and skips a head that already has its checkpoint). Returns the newest checkpoint.
     */
    public Optional<AuditCheckpoint> checkpointHead() {
        var result = new Object() {
            Optional<AuditCheckpoint> checkpoint = Optional.empty();
        };
        pool.appendInOwnTransaction(repo -> result.checkpoint = headCheckpoint(repo));
        return result.checkpoint;
    }

    private Optional<AuditCheckpoint> headCheckpoint(AuditRepository repo) {
        var head = repo.last();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        var newest = repo.lastCheckpoint();
        if (newest.isPresent() && newest.get().seq() >= head.get().seq()) {
            return newest;
        }
        return Optional.of(checkpoint(repo, head.get()));
    }

    /** A receipt for auditors to keep outside Demarc: the head of the chain, signed now if it is not signed yet. */
    @PreAuthorize(HAS_AUDIT_READ)
    public String receipt() {
        var checkpoint = checkpointHead().orElseThrow(() -> new com.demarc.shared.UserFacingException(
                "The audit log is empty: there is nothing to sign yet."));
        return checkpoint.toReceiptJson(signer.publicKeyBase64());
    }

    /** The warning shown on the audit page when the app's database role could rewrite the audit log; empty if not. */
    @PreAuthorize(HAS_AUDIT_READ)
    public Optional<String> protectionWarning() {
        return protection.warning();
    }

    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true)
    public List<AuditEntry> find(AuditFilter filter, int offset, int limit) {
        return repository.find(filter, offset, limit);
    }

    /**
     * The "after" text of the newest entry of this action on this entity (e.g. the {@code sha256=…} an upload
     * recorded), so that integrity checks can compare stored rows, which the app role may write, with what the
     * append-only, hash-chained log recorded when they were made.
     */
    @PreAuthorize(HAS_RECORD_READ)
    @Transactional(readOnly = true)
    public Optional<String> recordedAfter(AuditAction action, String entityType, String entityId) {
        return repository.recordedAfter(action.name(), entityType, entityId);
    }

    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true)
    public int count(AuditFilter filter) {
        return repository.count(filter);
    }

    /**
     * Walks the whole chain in order and reports the first entry that was edited, deleted, inserted or moved; then
     * checks every signed checkpoint: its signature, and that its entry still exists with the signed hash (so a
     * deleted tail, a truncated log or a recomputed chain is found), and that no more entries than
     * {@code checkpoint-every} follow the newest checkpoint (so removed checkpoints are found).
     */
    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ) // checkpoints and chain from one snapshot
    public ChainReport verify() {
        return verify(repository, signer, checkpointEvery);
    }

    /** {@link #verify()}, and that an exported receipt is signed by this installation's key and still matches its entry. */
    @PreAuthorize(HAS_AUDIT_READ)
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ChainReport verifyReceipt(String receiptJson) {
        return verifyReceipt(repository, signer, checkpointEvery, receiptJson);
    }

    static ChainReport verifyReceipt(AuditRepository repo, AuditSigner signer, long checkpointEvery, String receiptJson) {
        var receipt = AuditCheckpoint.fromReceiptJson(receiptJson);
        if (!receipt.keyId().equals(signer.keyId())) {
            return new ChainReport(0, receipt.seq(), "the receipt was signed by audit key " + receipt.keyId()
                    + ", not by this installation's key " + signer.keyId() + " (a forged receipt, or the wrong key file).", 0);
        }
        if (!signer.verify(receipt.payload(), receipt.signature())) {
            return new ChainReport(0, receipt.seq(), "the receipt's signature is not valid: it was altered or forged.", 0);
        }
        var report = verify(repo, signer, checkpointEvery);
        if (!report.intact()) {
            return report;
        }
        var entry = repo.entry(receipt.seq());
        if (entry.isEmpty()) {
            return new ChainReport(report.checked(), receipt.seq(), "the entry signed in the receipt of " + receipt.at()
                    + " no longer exists: the newest entries were deleted or the log was truncated.", report.checkpoints());
        }
        if (!entry.get().hash().equals(receipt.hash().strip())) {
            return new ChainReport(report.checked(), receipt.seq(), "the entry no longer has the hash signed in the receipt of "
                    + receipt.at() + ": the chain was rewritten.", report.checkpoints());
        }
        return new ChainReport(report.checked(), null, null, report.checkpoints() + 1);
    }

    static ChainReport verify(AuditRepository repo, AuditSigner signer, long checkpointEvery) {
        Map<Long, AuditCheckpoint> bySeq = new HashMap<>();
        var checkpoints = repo.checkpoints();
        checkpoints.forEach(c -> bySeq.put(c.seq(), c));
        var state = new Object() {
            long checked;
            long expectedSeq = 1;
            String prevHash = AuditEntry.GENESIS;
            Long broken;
            String problem;
        };
        repo.walk(e -> {
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
            } else if (bySeq.containsKey(e.seq()) && !bySeq.get(e.seq()).hash().strip().equals(e.hash())) {
                state.broken = e.seq();
                state.problem = "it no longer has the hash signed in the checkpoint of " + bySeq.get(e.seq()).at()
                        + ": the chain was truncated and rebuilt, or recomputed.";
            }
            state.expectedSeq = e.seq() + 1;
            state.prevHash = e.hash();
        });
        if (state.broken != null) {
            return new ChainReport(state.checked, state.broken, state.problem, checkpoints.size());
        }
        long head = state.expectedSeq - 1;
        for (var c : checkpoints) {
            if (!c.keyId().equals(signer.keyId()) || !signer.verify(c.payload(), c.signature())) {
                return new ChainReport(state.checked, c.seq(), "the signed checkpoint of this entry (" + c.at() + ") has no "
                        + "valid signature by audit key " + signer.keyId() + ": it was forged or altered.", checkpoints.size());
            }
            if (c.seq() > head) {
                return new ChainReport(state.checked, c.seq(), "this entry, signed in the checkpoint of " + c.at()
                        + ", no longer exists (the log ends at entry " + head + "): the newest entries were deleted or the "
                        + "log was truncated.", checkpoints.size());
            }
        }
        long newest = checkpoints.isEmpty() ? 0 : checkpoints.getLast().seq();
        if (head - newest > checkpointEvery) {
            return new ChainReport(state.checked, newest + 1, (head - newest) + " entries follow the newest signed checkpoint, "
                    + "more than the " + checkpointEvery + " allowed between checkpoints: signed checkpoints were removed.",
                    checkpoints.size());
        }
        return new ChainReport(state.checked, null, null, checkpoints.size());
    }

    static String hash(AuditEntry e) {
        return e.computeHash();
    }

    /**
     * For bulk loaders (the scale-data generator): takes the append lock in the caller's transaction and returns the
     * chain's last entry, so the loader can continue the chain with {@link AuditEntry#computeHash()}. The head the
     * loader leaves is signed as a checkpoint just before its transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<AuditEntry> lockHeadForBulkAppend() {
        repository.lockForAppend();
        if (!TransactionSynchronizationManager.hasResource(LOCK_HELD)) {
            markLockHeld();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    headCheckpoint(repository);
                }
            });
        }
        return repository.last();
    }

    private static void markLockHeld() {
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(LOCK_HELD)) {
            TransactionSynchronizationManager.bindResource(LOCK_HELD, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LOCK_HELD);
                }
            });
        }
    }

    private static @Nullable String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    private static @Nullable String clip(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
