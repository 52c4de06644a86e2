package com.demarc.project;

import org.jspecify.annotations.Nullable;

/**
 * Where the proof of a project control stands (the evidence module's review states and AWS attestations), as the
 * evidence module reports it (see {@link EvidenceStates}).
 */
public enum EvidenceState {
    NONE("None yet"),
    SUBMITTED("Awaiting review"),
    ACCEPTED("Accepted"),
    EXPIRING("Accepted, expiring within 30 days"),
    REJECTED("Rejected"),
    EXPIRED("Expired"),
    ATTESTED("AWS attestation");

    private final String label;

    EvidenceState(String label) {
        this.label = label;
    }

    /** What a person reads in a list. */
    public String label() {
        return label;
    }

    /** A stored state by name; no state (null) is {@link #NONE}. */
    public static EvidenceState of(@Nullable String name) {
        return name == null ? NONE : valueOf(name);
    }

    /** The state itself, or {@link #NONE} when there is none. */
    public static EvidenceState orNone(@Nullable EvidenceState state) {
        return state == null ? NONE : state;
    }
}
