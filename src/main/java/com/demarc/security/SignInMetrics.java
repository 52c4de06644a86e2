package com.demarc.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Sign-ins for operators: {@code demarc.sign.ins{method="password|sso"}} and
 * {@code demarc.sign.in.failures{method, reason}} (reason: {@code bad-credentials}, {@code locked}, {@code disabled},
 * {@code other}), from the events Spring Security publishes for every sign-in attempt. Counted per node.
 */
@Component
class SignInMetrics {
    private final ObjectProvider<MeterRegistry> meters;

    SignInMetrics(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        var registry = meters.getIfAvailable();
        if (registry != null) {
            registry.counter("demarc.sign.ins", "method", method(event.getAuthentication())).increment();
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        var registry = meters.getIfAvailable();
        if (registry != null) {
            registry.counter("demarc.sign.in.failures", "method", method(event.getAuthentication()),
                    "reason", reason(event.getException())).increment();
        }
    }

    private static String method(Authentication authentication) {
        return authentication instanceof UsernamePasswordAuthenticationToken ? "password" : "sso";
    }

    private static String reason(Exception exception) {
        return switch (exception) {
            case org.springframework.security.authentication.BadCredentialsException e -> "bad-credentials";
            case org.springframework.security.authentication.LockedException e -> "locked";
            case org.springframework.security.authentication.DisabledException e -> "disabled";
            default -> "other";
        };
    }
}
