package com.demarc.shared;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Who is acting right now, for "changed by" columns and scope checks. Vaadin installs its own security-context
 * strategy per application context (each with its own thread-local); the ones in use register here, so that
 * reading the actor and running start-up work as the system account agree with what method security sees.
 */
public final class Actors {
    private static final Set<SecurityContextHolderStrategy> STRATEGIES = new CopyOnWriteArraySet<>();

    private Actors() {
    }

    /** Called once per application context with its security-context strategy. */
    public static void register(SecurityContextHolderStrategy strategy) {
        STRATEGIES.add(strategy);
    }

    private static @Nullable Authentication authentication() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null) {
            return auth;
        }
        for (var strategy : STRATEGIES) {
            auth = strategy.getContext().getAuthentication();
            if (auth != null) {
                return auth;
            }
        }
        return null;
    }

    public static Optional<DemarcUser> current() {
        Authentication auth = authentication();
        return auth != null && auth.getPrincipal() instanceof DemarcUser user ? Optional.of(user) : Optional.empty();
    }

    /** Runs start-up work (demo data, jobs) as a system account holding the given roles. */
    public static void runAsSystem(Set<Role> roles, Runnable work) {
        runAs(new DemarcUser(0, "system", "System", roles, true, null), work);
    }

    /** Runs work as the given user (commands, jobs, tests), restoring the previous identity afterwards. */
    public static void runAs(DemarcUser user, Runnable work) {
        var token = new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(token);
        runIn(context, work);
    }

    /**
     * Runs work in the given security context (e.g. a session's own, in tests), in every registered strategy and the
     * global one, restoring the previous contexts afterwards.
     */
    public static void runIn(SecurityContext context, Runnable work) {
        var strategies = new ArrayList<SecurityContextHolderStrategy>(STRATEGIES);
        var global = SecurityContextHolder.getContextHolderStrategy();
        if (strategies.stream().noneMatch(s -> s == global)) {
            strategies.add(global);
        }
        List<SecurityContext> previous = new ArrayList<>();
        for (var strategy : strategies) {
            previous.add(strategy.getContext());
            strategy.setContext(context);
        }
        try {
            work.run();
        } finally {
            for (int i = 0; i < strategies.size(); i++) {
                strategies.get(i).setContext(previous.get(i));
            }
        }
    }

    /**
     * Replaces the signed-in principal in the current security context (the session's own context object), e.g.
     * after the user's own password change, so that their session stays valid while their other sessions end.
     */
    public static void replaceCurrent(DemarcUser user) {
        Authentication auth = authentication();
        if (auth == null || !(auth.getPrincipal() instanceof DemarcUser current) || current.id() != user.id()) {
            return;
        }
        var token = new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities());
        token.setDetails(auth.getDetails());
        var contexts = new ArrayList<SecurityContext>();
        contexts.add(SecurityContextHolder.getContext());
        STRATEGIES.forEach(s -> contexts.add(s.getContext()));
        for (SecurityContext context : contexts) {
            if (context.getAuthentication() == auth) {
                context.setAuthentication(token);
            }
        }
    }

    /** The acting user's name, or "system" for start-up jobs. */
    public static String currentUsername() {
        Authentication auth = authentication();
        return auth == null ? "system" : auth.getName();
    }
}
