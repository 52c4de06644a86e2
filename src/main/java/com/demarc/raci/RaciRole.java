package com.demarc.raci;

/** Responsible, Accountable, Consulted, Informed. */
public enum RaciRole {
    R("Responsible"), A("Accountable"), C("Consulted"), I("Informed");

    private final String label;

    RaciRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
