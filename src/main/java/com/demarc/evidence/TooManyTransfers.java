package com.demarc.evidence;

import com.demarc.shared.UserFacingException;

/** A transfer refused because the user (or the whole server) already runs as many as it may; nothing was stored. */
public class TooManyTransfers extends UserFacingException {
    private final boolean perUser;

    TooManyTransfers(String message, boolean perUser) {
        super(message);
        this.perUser = perUser;
    }

    /** True when the user's own limit was reached (HTTP 429), false when the server's (HTTP 503). */
    public boolean perUser() {
        return perUser;
    }
}
