package com.demarc.catalog;

/** How much of a service AWS runs: infrastructure (EC2), container (RDS, EMR), abstracted (S3, Lambda). */
public enum ServiceCategory {
    INFRASTRUCTURE("Infrastructure", "infrastructure"),
    CONTAINER("Container", "container"),
    ABSTRACTED("Abstracted", "abstracted");

    private final String label;
    private final String key;

    ServiceCategory(String label, String key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    /** The lower-case name used in the catalog files. */
    public String key() {
        return key;
    }
}
