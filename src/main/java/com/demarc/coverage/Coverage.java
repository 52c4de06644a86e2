package com.demarc.coverage;

/** Covered out of applicable, with the in-between states, for one slice (an owner column, a domain, a team…). */
public record Coverage(String key, String label, int applicable, int covered, int unowned, int notImplemented,
                       int noEvidence, int attestationMissing, int expiring, int overdue, int expired) {

    /** Covered as a whole percentage of applicable (0 when nothing applies). */
    public int percent() {
        return applicable == 0 ? 0 : (int) Math.round(100.0 * covered / applicable);
    }

    /**
     * Owned and implemented, but a mapped AWS check fails (ADR 0020). The rollup tables have no column for it: it is
     * what is applicable and in no other state.
     */
    public int failingCheck() {
        return Math.max(0, applicable - covered - unowned - notImplemented - noEvidence - attestationMissing);
    }
}
