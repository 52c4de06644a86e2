package com.demarc.notification;

/** What a notification is about; preferences (at once, daily digest, off) are chosen per kind. */
public enum NotificationKind {
    RACI_ASSIGNED("Assigned"),
    RACI_UNASSIGNED("Unassigned"),
    STATUS_CHANGED("Status changed"),
    DUE_DATE_CHANGED("Due date changed"),
    EVIDENCE_SUBMITTED("Evidence to review"),
    EVIDENCE_ACCEPTED("Evidence accepted"),
    EVIDENCE_REJECTED("Evidence rejected"),
    DUE_SOON("Due soon"),
    OVERDUE("Overdue"),
    EVIDENCE_EXPIRING("Evidence expiring"),
    ATTESTATION_EXPIRING("Attestation expiring"),
    CHECK_FAILING("Automated check failing"),
    CHECK_PASSING("Automated check passing again"),
    /** Account security (sign-in, MFA, password): cannot be turned off. */
    ACCOUNT_SECURITY("Account security", true);

    private final String label;
    private final boolean mandatory;

    NotificationKind(String label) {
        this(label, false);
    }

    NotificationKind(String label, boolean mandatory) {
        this.label = label;
        this.mandatory = mandatory;
    }

    public String label() {
        return label;
    }

    /** A mandatory kind is always delivered (at once or in the digest), never off. */
    public boolean mandatory() {
        return mandatory;
    }
}
