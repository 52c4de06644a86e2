package com.demarc.organization;

/**
 * Throttles password checks outside sign-in (the current password in "change my password"), counted like sign-in
 * failures. Implemented by the security module's login throttle.
 */
public interface PasswordAttempts {
    /**
     * Records the attempt as a failure before the password hash is checked (atomically, per account); false when the
     * account is locked, in which case nothing is recorded and the password must not be checked.
     */
    boolean begin(String username, String address);

    /** The password was right: the account's failures are cleared. */
    void succeeded(String username);
}
