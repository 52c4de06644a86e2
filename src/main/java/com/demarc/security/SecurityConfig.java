package com.demarc.security;

import com.demarc.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/** Who may reach what over HTTP; views and services add their own checks on top. */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
class SecurityConfig {

    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Vaadin's navigation access control with a cheaper role check (see {@link RoleCheckingNavigationAccessControl});
     * primary over the one Vaadin's auto-configuration always defines.
     */
    @Bean
    @org.springframework.context.annotation.Primary
    com.vaadin.flow.server.auth.NavigationAccessControl roleCheckingNavigationAccessControl(
            java.util.List<com.vaadin.flow.server.auth.NavigationAccessChecker> checkers,
            com.vaadin.flow.spring.security.NavigationAccessControlConfigurer configurer,
            com.vaadin.flow.spring.security.VaadinRolePrefixHolder rolePrefix) {
        return configurer.build((list, resolver) -> new RoleCheckingNavigationAccessControl(list, resolver, rolePrefix),
                checkers);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SessionRegistry sessionRegistry, SessionStates sessionStates,
                                            org.springframework.beans.factory.ObjectProvider<org.springframework.security.core.context.SecurityContextHolderStrategy> strategy,
                                            java.time.Clock clock, com.demarc.audit.AuditLog audit,
                                            @org.springframework.beans.factory.annotation.Value("${demarc.security.absolute-session-timeout:12h}")
                                            java.time.Duration absoluteTimeout,
                                            com.demarc.security.internal.oidc.SsoRegistrations ssoRegistrations,
                                            com.demarc.security.internal.oidc.SsoUserService ssoUsers,
                                            com.demarc.security.internal.oidc.SsoSignInHandlers ssoHandlers,
                                            com.demarc.security.internal.oidc.SsoLogoutSuccessHandler ssoLogout,
                                            SecondFactorSignIn secondFactor,
                                            com.demarc.organization.AccountSignIn accountSignIn,
                                            @org.springframework.beans.factory.annotation.Value("${demarc.management.scrape-token:}")
                                            String scrapeToken) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                // metrics: a Prometheus scraper with the scrape token (bearer), or an administrator (issue 17, ADR 0019)
                .requestMatchers("/actuator/prometheus").access(new ScrapeToken(scrapeToken))
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .requestMatchers("/styles/**", "/images/**").permitAll()
                // evidence downloads and audit packages: role and scope are checked by the services
                .requestMatchers("/files/**").authenticated());
        // Session fixation: Spring Security changes the session id at login (changeSessionId, its default).
        http.sessionManagement(session -> session
                .sessionFixation(fixation -> fixation.changeSessionId())
                .maximumSessions(-1).sessionRegistry(sessionRegistry)
                // page loads go to the login page; Vaadin's requests get "session expired" (never HTML as JSON)
                .expiredSessionStrategy(new VaadinExpiredSessionStrategy()));
        // Vaadin needs inline styles and its bootstrap script; no framing, no foreign origins. HSTS is sent on HTTPS.
        http.headers(headers -> headers
                .frameOptions(frame -> frame.deny())
                .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        http.addFilterAfter(new AbsoluteSessionTimeoutFilter(absoluteTimeout),
                org.springframework.security.web.session.ConcurrentSessionFilter.class);
        // rights follow changes at once: every request compares the session's security version with the database
        http.addFilterBefore(new SessionRightsFilter(sessionStates,
                        strategy.getIfAvailable(org.springframework.security.core.context.SecurityContextHolder::getContextHolderStrategy),
                        clock, audit),
                org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
        // two-step sign-in: a password that needs a second factor leaves the session unauthenticated with a pending
        // sign-in (the Two-step sign-in page); /login/two-step/done swaps the authentication in once it is verified.
        // The failure handler is set on the built filter (below): configuring formLogin here would pre-empt Vaadin's.
        http.addFilterBefore(new SecondFactorHandlers.CompletionFilter(secondFactor,
                        strategy.getIfAvailable(org.springframework.security.core.context.SecurityContextHolder::getContextHolderStrategy),
                        sessionRegistry, accountSignIn, audit),
                org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class);
        // company sign-in (OIDC) when spring.security.oauth2.client.registration.* names a provider
        com.demarc.security.internal.oidc.SsoConfiguration.configure(http, ssoRegistrations, ssoUsers, ssoHandlers);
        // an address that is no route must reach Vaadin (its not-found page, in the layout) instead of the configurer's
        // default deny-all (a bare 403 to a signed-in user, issue 19); anonymous requests still go to the login page
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .logoutSuccessHandler(ssoLogout)
                .anyRequest(url -> url.authenticated()));
        var chain = http.build();
        var secondFactorFailure = SecondFactorHandlers.failureHandler(secondFactor, audit);
        chain.getFilters().stream()
                .filter(f -> f instanceof org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter)
                .forEach(f -> ((org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter) f)
                        .setAuthenticationFailureHandler(secondFactorFailure));
        return chain;
    }
}
