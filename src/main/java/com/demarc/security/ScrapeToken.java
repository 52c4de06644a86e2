package com.demarc.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Who may read {@code /actuator/prometheus}: a scraper that sends {@code Authorization: Bearer <token>} with the
 * configured {@code demarc.management.scrape-token} (compared in constant time), or a signed-in administrator.
 * Without a configured token only administrators may (Prometheus cannot sign in through the login form).
 */
final class ScrapeToken implements AuthorizationManager<RequestAuthorizationContext> {
    private final byte[] token;

    ScrapeToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        return new AuthorizationDecision(bearerMatches(context.getRequest()) || isAdmin(authentication.get()));
    }

    private boolean bearerMatches(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (token.length == 0 || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
