package com.demarc.api.internal;

import com.demarc.audit.AuditLog;
import com.demarc.organization.SecurityVersions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.time.Clock;

/**
 * The security of {@code /api/**}, ahead of the browser chain: a bearer token or a 401 problem; stateless (no session
 * is read or created, no cookie set), no CSRF (no cookie authenticates these calls, so there is nothing to forge),
 * no request cache, no login redirect. The token's account becomes the {@code DemarcUser} principal, so every
 * service's {@code @PreAuthorize} and team scope apply unchanged. The OpenAPI document and Swagger UI are public
 * (ADR 0021): they describe the API, not data, and the README already documents it.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityConfig {

    @Bean
    @Order(2)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiTokenRepository tokens, SecurityVersions versions,
                                       RateLimits limits, AuditLog audit, Clock clock,
                                       ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
        var holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        stateless(http.securityMatcher("/api/**"))
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(req, res, 401, "unauthorized",
                                "Token required", BearerTokenFilter.NO_TOKEN))
                        .accessDeniedHandler((req, res, ex) -> Problems.write(req, res, 403, "forbidden",
                                "Not allowed", "This token may not do this: ask a compliance manager for the rights.")))
                .addFilterBefore(new BearerTokenFilter(tokens, versions, limits, audit, holder, clock),
                        AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http) throws Exception {
        stateless(http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** No session read or created, no CSRF, no request cache, no form login, basic auth or logout. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
    }
}
