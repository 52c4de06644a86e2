package com.demarc.shared.startup;

/**
 * A start-up check found a setting Demarc cannot run with: the start stops (exit code ≠ 0) and the message, one
 * sentence that says what to do, is the whole report (no stack trace; see {@link StartupRefusedFailureAnalyzer}).
 */
public class StartupRefusedException extends RuntimeException {
    private final String action;

    /** {@code reason}: what is wrong; {@code action}: what the operator should do about it. */
    public StartupRefusedException(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
