package com.demarc.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Ends a session a fixed time after it began, however active it is (ASVS V7: absolute timeout, 12 h by default,
 * {@code demarc.security.absolute-session-timeout}); the idle timeout is the servlet session timeout.
 */
class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {
    private final Duration timeout;

    AbsoluteSessionTimeoutFilter(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var session = request.getSession(false);
        if (session != null && System.currentTimeMillis() - session.getCreationTime() > timeout.toMillis()) {
            session.invalidate();
            VaadinExpiredSessionStrategy.answer(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
