package com.demarc.automation;

/** Where a check comes from: a Security Hub control id ({@code IAM.6}) or an AWS Config managed rule identifier. */
public enum CheckSource {
    SECURITY_HUB("Security Hub"), CONFIG("AWS Config");

    private final String label;

    CheckSource(String label) {
        this.label = label;
    }

    /** The service's name as people read it (the constant stays in files and the API). */
    public String label() {
        return label;
    }
}
