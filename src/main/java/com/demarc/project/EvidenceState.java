package com.demarc.project;

/** Where a project control's evidence stands (from the evidence module's review states and AWS attestations). */
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
}
