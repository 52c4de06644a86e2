package com.demarc.security.internal.oidc;

import com.demarc.audit.AuditLog;
import com.demarc.organization.ExternalSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;

import java.time.Clock;

/**
 * Company sign-in (OIDC) beans, configured only by Spring Boot's {@code spring.security.oauth2.client.*} properties
 * plus the group mapping under {@code demarc.sso.*}. Without a registration nothing changes on the HTTP side.
 */
@Configuration
@EnableConfigurationProperties(SsoProperties.class)
public class SsoConfiguration {

    @Bean
    SsoRegistrations clientRegistrationRepository(Environment environment, Clock clock) {
        var properties = Binder.get(environment).bind("spring.security.oauth2.client", OAuth2ClientProperties.class)
                .orElseGet(OAuth2ClientProperties::new);
        properties.validate();
        return new SsoRegistrations(properties, clock);
    }

    @Bean
    SsoUserService ssoUserService(ExternalSignIn signIn, SsoProperties settings) {
        return new SsoUserService(signIn, settings);
    }

    @Bean
    SsoSignInHandlers ssoSignInHandlers(ObjectProvider<SecurityContextHolderStrategy> strategy, SessionRegistry sessions,
                                        AuditLog audit) {
        return new SsoSignInHandlers(strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy), sessions, audit);
    }

    @Bean
    SsoLogoutSuccessHandler ssoLogoutSuccessHandler(SsoRegistrations registrations) {
        return new SsoLogoutSuccessHandler(registrations);
    }

    /**
     * Adds the authorization code flow to the app's filter chain: PKCE on every request (confidential clients too),
     * state and nonce checked by Spring Security, the login page is Demarc's own.
     */
    public static void configure(HttpSecurity http, SsoRegistrations registrations, SsoUserService users,
                                 SsoSignInHandlers handlers) throws Exception {
        if (!registrations.any()) {
            return;
        }
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(oauth -> oauth
                .loginPage("/login")
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                .successHandler(handlers)
                .failureHandler(handlers));
    }
}
