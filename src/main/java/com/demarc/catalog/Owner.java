package com.demarc.catalog;

/** Who carries a control: the customer, AWS, both (each its half), or nobody for this kind of service. */
public enum Owner {
    CUSTOMER("Customer"), SHARED("Shared"), AWS("AWS"), NOT_APPLICABLE("Not applicable");

    private final String label;

    Owner(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The three values a control's default owner may take. */
    public static final java.util.List<Owner> DEFAULTS = java.util.List.of(CUSTOMER, SHARED, AWS);
}
