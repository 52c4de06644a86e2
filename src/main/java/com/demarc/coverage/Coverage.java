package com.demarc.coverage;

/** Covered out of applicable, with the in-between states, for one slice (an owner column, a domain, a team…). */
public record Coverage(String key, String label, int applicable, int covered, int unowned, int notImplemented,
                       int noEvidence, int attestationMissing, int expiring, int overdue, int expired) {

    /** Covered as a whole percentage of applicable (0 when nothing applies). */
    public int percent() {
        return applicable == 0 ? 0 : (int) Math.round(100.0 * covered / applicable);
    }
}
