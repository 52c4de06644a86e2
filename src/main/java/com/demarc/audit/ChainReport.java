package com.demarc.audit;

/**
 * The result of verifying the audit log: how many entries were checked, the first one that does not match (or whose
 * signed checkpoint does not), and how many signed checkpoints were checked.
 */
public record ChainReport(long checked, Long firstBrokenSeq, String problem, long checkpoints) {
    public ChainReport(long checked, Long firstBrokenSeq, String problem) {
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
