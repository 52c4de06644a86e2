package com.demarc.audit;

import org.jspecify.annotations.Nullable;


/**
 * The result of verifying the audit log: how many entries were checked, the first one that does not match (or whose
 * signed checkpoint does not), and how many signed checkpoints were checked.
 */
public record ChainReport(long checked, @Nullable Long firstBrokenSeq, @Nullable String problem, long checkpoints) {
    public ChainReport(long checked, @Nullable Long firstBrokenSeq, @Nullable String problem) {
        this(checked, firstBrokenSeq, problem, 0);
    }

    public boolean intact() {
        return firstBrokenSeq == null;
    }

    public String describe() {
        return intact() ? "Audit log intact: " + checked + " entries, every hash matches, " + checkpoints
                + " signed checkpoint" + (checkpoints == 1 ? "" : "s") + " valid."
                : "Audit log broken at entry " + firstBrokenSeq + ": " + problem;
    }
}
