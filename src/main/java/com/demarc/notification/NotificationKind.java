package com.demarc.notification;

/** What a notification is about; preferences and digests will be chosen per kind. */
public enum NotificationKind {
    RACI_ASSIGNED("Assigned"),
    RACI_UNASSIGNED("Unassigned"),
    STATUS_CHANGED("Status changed"),
    DUE_DATE_CHANGED("Due date changed"),
    EVIDENCE_SUBMITTED("Evidence to review"),
    EVIDENCE_ACCEPTED("Evidence accepted"),
    EVIDENCE_REJECTED("Evidence rejected");

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
