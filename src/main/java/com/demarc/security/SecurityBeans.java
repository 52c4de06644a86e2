package com.demarc.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/** Security beans that exist with or without a web server (password hashing, sessions, denial events). */
@Configuration
class SecurityBeans {

    /**
     * Argon2id at OWASP's recommended minimum: 19 MiB memory, 2 iterations, parallelism 1; at most
     * {@code demarc.security.password-hashing-concurrency} hashes at once (default: the number of cores, at least 2),
     * so that sign-ins arriving together cannot run the heap out; a check that cannot start within
     * {@code demarc.security.password-hashing-wait} (default 10 s) is answered "busy, try again" ({@link BoundedPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder(
            @org.springframework.beans.factory.annotation.Value("${demarc.security.password-hashing-concurrency:0}")
            int concurrency,
            @org.springframework.beans.factory.annotation.Value("${demarc.security.password-hashing-wait:10s}")
            java.time.Duration wait) {
        int bound = concurrency != 0 ? concurrency : Math.max(2, Runtime.getRuntime().availableProcessors());
        return new BoundedPasswordEncoder(new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2), bound, wait);
    }

    /**
     * Spring Security's own Micrometer observations off: with an observation registry present (the actuator), it made
     * every filter of the chain, every authentication and every method authorisation an observation, ~9 % of a page
     * navigation's CPU in the cluster benchmark. The request metrics ({@code http.server.requests}) and Demarc's own
     * figures (sign-ins, refusals, uploads; docs/operations.md) stay.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Publishes method-security denials as events, so they reach the audit log. */
    @Bean
    org.springframework.security.authorization.AuthorizationEventPublisher authorizationEventPublisher(
            org.springframework.context.ApplicationEventPublisher publisher) {
        return new org.springframework.security.authorization.SpringAuthorizationEventPublisher(publisher);
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    static HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
