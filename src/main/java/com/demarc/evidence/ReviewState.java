package com.demarc.evidence;

/** submitted → accepted / rejected, decided by a compliance manager. */
public enum ReviewState {
    SUBMITTED("Submitted"), ACCEPTED("Accepted"), REJECTED("Rejected");

    private final String label;

    ReviewState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
