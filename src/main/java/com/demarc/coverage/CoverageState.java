package com.demarc.coverage;

/** Where a project control stands against the coverage rule (ADR 0008). */
public enum CoverageState {
    COVERED("Covered"), UNOWNED("Unowned"), NOT_IMPLEMENTED("Owned, not implemented"),
    NO_EVIDENCE("Implemented, no valid evidence"), FAILING_CHECK("Failing check"), ATTESTATION_MISSING("Inherited, no valid AWS attestation"),
    NOT_APPLICABLE("Not applicable");

    private final String label;

    CoverageState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
