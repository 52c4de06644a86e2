package com.demarc.security.internal.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Signing out of a company session also signs out at the provider when it has an {@code end_session_endpoint}
 * (RP-initiated logout, via Spring Security's {@link OidcClientInitiatedLogoutSuccessHandler}); local sessions
 * and providers without one go back to Demarc's start page.
 */
public class SsoLogoutSuccessHandler implements LogoutSuccessHandler {
    private final OidcClientInitiatedLogoutSuccessHandler oidc;
    private final SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();

    public SsoLogoutSuccessHandler(ClientRegistrationRepository registrations) {
        this.oidc = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        oidc.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        oidc.setDefaultTargetUrl("/login?logout");
        local.setDefaultTargetUrl("/login?logout");
        // sign-out is one of Vaadin's own (UIDL) requests: the redirect must go through the UI, not a 302 it ignores
        var vaadinAware = new com.vaadin.flow.spring.security.UidlRedirectStrategy();
        oidc.setRedirectStrategy(vaadinAware);
        local.setRedirectStrategy(vaadinAware);
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, jakarta.servlet.ServletException {
        if (authentication != null && authentication.getDetails() instanceof SsoSignInHandlers.SsoDetails sso) {
            var now = Instant.now();
            var token = new OidcIdToken(sso.idToken(), now.minusSeconds(1), now.plusSeconds(60), Map.of("sub", authentication.getName()));
            var user = new DefaultOidcUser(authentication.getAuthorities(), token);
            oidc.onLogoutSuccess(request, response, new OAuth2AuthenticationToken(user, authentication.getAuthorities(), sso.registrationId()));
            return;
        }
        local.onLogoutSuccess(request, response, authentication);
    }
}
