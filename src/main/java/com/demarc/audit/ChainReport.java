package com.demarc.audit;

/** The result of walking the hash chain: how many entries were checked, and the first one that does not match. */
public record ChainReport(long checked, Long firstBrokenSeq, String problem) {
    public boolean intact() {
        return firstBrokenSeq == null;
    }

    public String describe() {
        return intact() ? "Audit log intact: " + checked + " entries, every hash matches."
                : "Audit log broken at entry " + firstBrokenSeq + ": " + problem;
    }
}
