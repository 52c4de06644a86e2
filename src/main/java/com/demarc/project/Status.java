package com.demarc.project;

/** Where a project control stands. INHERITED only for AWS-owned rows; NOT_APPLICABLE needs a justification. */
public enum Status {
    NOT_STARTED("Not started"), IN_PROGRESS("In progress"), IMPLEMENTED("Implemented"),
    NOT_APPLICABLE("Not applicable"), INHERITED("Inherited from AWS");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
