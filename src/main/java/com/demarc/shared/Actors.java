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

    /** Runs start-up work (demo data, jobs) as a system account holding the given roles. */
    public static void runAsSystem(java.util.Set<Role> roles, Runnable work) {
        var previous = SecurityContextHolder.getContext();
        var system = new DemarcUser(0, "system", "System", roles, true, null);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                system, null, system.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            work.run();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The acting user's name, or "system" for start-up jobs. */
    public static String currentUsername() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
