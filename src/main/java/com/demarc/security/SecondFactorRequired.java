package com.demarc.security;

import com.demarc.shared.DemarcUser;
import org.springframework.security.authentication.AccountStatusException;

import java.io.Serial;

/**
 * The password was right, but the sign-in needs its second step first: no authentication is issued yet. An account
 * status exception, so that Spring Security's provider manager hands it straight to the failure handler.
 */
class SecondFactorRequired extends AccountStatusException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient DemarcUser user;
    private final SecondFactorSignIn.Mode mode;
    private final transient Object details;

    SecondFactorRequired(DemarcUser user, SecondFactorSignIn.Mode mode, Object details) {
        super("A second factor is required");
        this.user = user;
        this.mode = mode;
        this.details = details;
    }

    DemarcUser user() {
        return user;
    }

    SecondFactorSignIn.Mode mode() {
        return mode;
    }

    Object details() {
        return details;
    }
}
