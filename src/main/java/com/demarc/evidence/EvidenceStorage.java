package com.demarc.evidence;

import com.demarc.evidence.internal.EvidenceStoreSweeper;
import com.demarc.evidence.internal.StoreMaintenance;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Operator work on the evidence stores (ADR 0018), run by the commands {@code --verify-evidence} and
 * {@code --migrate-evidence}: check every stored content against its SHA-256, move all content between stores,
 * sweep what a crash left behind.
 */
@Service
public class EvidenceStorage {
    private final StoreMaintenance maintenance;
    private final EvidenceStoreSweeper sweeper;

    EvidenceStorage(StoreMaintenance maintenance, EvidenceStoreSweeper sweeper) {
        this.maintenance = maintenance;
        this.sweeper = sweeper;
    }

    /** The outcome of checking every stored content. */
    public record VerifyReport(long checked, long bytes, List<String> mismatches) {
        public boolean intact() {
            return mismatches.isEmpty();
        }

        public String describe() {
            return intact()
                    ? "Evidence intact: " + checked + " stored contents (" + bytes + " bytes) match their SHA-256."
                    : mismatches.size() + " of " + checked + " stored contents do not match their SHA-256 or cannot be "
                    + "read (listed above): restore them from the backup of the evidence store.";
        }
    }

    /** The outcome of moving content between stores. */
    public record MigrationReport(String from, String to, long moved, long bytes, long leftInSource, List<String> problems) {
        public boolean complete() {
            return problems.isEmpty() && leftInSource == 0;
        }

        public String describe() {
            return "Moved " + moved + " contents (" + bytes + " bytes) from " + from + " to " + to
                    + ", every SHA-256 checked; " + leftInSource + " left in " + from
                    + (complete() ? "." : (problems.isEmpty() ? " (written meanwhile: run the command again)."
                    : "; " + problems.size() + " not moved (listed above): run --verify-evidence, then the command again."));
        }
    }

    /** Streams every stored content and checks its size and SHA-256; each mismatch also goes to {@code mismatch}. */
    @PreAuthorize("hasAuthority('" + com.demarc.shared.Permissions.AUDIT_READ + "')")
    public VerifyReport verifyAll(Consumer<String> mismatch) {
        return maintenance.verifyAll(mismatch);
    }

    /** Moves all content of one store to another (postgres, filesystem, s3), resumable: run it again after a stop. */
    @PreAuthorize("hasAuthority('" + com.demarc.shared.Permissions.USER_MANAGE + "') and hasAuthority('"
            + com.demarc.shared.Permissions.OPS_READ + "')")
    public MigrationReport migrate(String from, String to, Consumer<String> progress) {
        return maintenance.migrate(from, to, progress);
    }

    /** Removes pending objects written before {@code cutoff} (or makes them current when their row committed). */
    @PreAuthorize("hasAuthority('" + com.demarc.shared.Permissions.USER_MANAGE + "') and hasAuthority('"
            + com.demarc.shared.Permissions.OPS_READ + "')")
    public EvidenceStoreSweeper.Sweep sweep(Instant cutoff) {
        return sweeper.sweep(cutoff);
    }
}
