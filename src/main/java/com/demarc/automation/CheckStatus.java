package com.demarc.automation;

/** A check's result for a project: failed as soon as one resource failed; passed only when every resource passed. */
public enum CheckStatus {
    PASSED("Passed"), FAILED("Failed"), WARNING("Warning"), NOT_AVAILABLE("Not available");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
