package com.demarc.notification;

/** How a user wants one kind of notification by e-mail; the in-app inbox always has it. */
public enum DeliveryMode {
    IMMEDIATE("At once"),
    DIGEST("Daily digest"),
    OFF("Off (in-app only)");

    private final String label;

    DeliveryMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
