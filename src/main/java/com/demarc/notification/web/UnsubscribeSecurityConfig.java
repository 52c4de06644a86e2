package com.demarc.notification.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /unsubscribe} only, ahead of the browser chain: open to anyone (the signed token in the link is checked by
 * the service), stateless (no session read or created), no CSRF (a mail client's one-click POST carries no cookie,
 * so there is nothing to forge), no login redirect; strict headers (the page loads nothing).
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UnsubscribeSecurityConfig {

    @Bean
    @Order(4)
    SecurityFilterChain unsubscribeFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/unsubscribe")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; style-src 'unsafe-inline'; "
                                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
