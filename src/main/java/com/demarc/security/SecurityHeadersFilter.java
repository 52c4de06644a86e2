package com.demarc.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Security headers on every response, including the pages Vaadin lets bypass the security filter chain (the login
 * view, static resources): CSP with {@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy}, {@code nosniff}, and HSTS when served over TLS.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {
    /** The evidence preview (issue 19): the one response Demarc's own pages may frame. */
    private static final java.util.regex.Pattern PREVIEW = java.util.regex.Pattern.compile("/files/evidence/\\d+/preview");
    /**
     * The preview's policy: framed by Demarc's own pages only, nothing loaded or run by the file (the evidence module
     * adds {@code sandbox} for images; Chromium's PDF viewer does not run sandboxed).
     */
    static final String PREVIEW_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean preview = PREVIEW.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
        response.setHeader("Content-Security-Policy", preview ? PREVIEW_CSP : SecurityConfig.CSP);
        response.setHeader("X-Frame-Options", preview ? "SAMEORIGIN" : "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            // nothing downstream may weaken framing protection (Vaadin sets SAMEORIGIN on some pages)
            @Override
            public void setHeader(String name, String value) {
                if (!"x-frame-options".equals(name.toLowerCase(Locale.ROOT))) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!"x-frame-options".equals(name.toLowerCase(Locale.ROOT))) {
                    super.addHeader(name, value);
                }
            }
        });
    }

    /** Registered ahead of every other filter. */
    @Configuration
    static class Registration {
        @Bean
        FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
            var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }
}
