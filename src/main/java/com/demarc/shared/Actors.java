package com.demarc.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** Who is acting right now, for "changed by" columns and scope checks. */
public final class Actors {
    private Actors() {
    }

    public static Optional<DemarcUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof DemarcUser user ? Optional.of(user) : Optional.empty();
    }

    /** The acting user's name, or "system" for start-up jobs. */
    public static String currentUsername() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
