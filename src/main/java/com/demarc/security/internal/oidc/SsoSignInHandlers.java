package com.demarc.security.internal.oidc;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

/**
 * After a company sign-in the session holds a plain {@link com.demarc.shared.DemarcUser}, as after the local form, so
 * every rights check (per-request security version, sessions view) treats both alike; the provider and the ID token
 * ride along in the details for RP-initiated logout. A failure lands on the login page with its reason.
 */
public class SsoSignInHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
    private static final Logger log = LoggerFactory.getLogger(SsoSignInHandlers.class);
    /** Session attribute with the message the login page shows after a failed company sign-in. */
    public static final String MESSAGE = "demarc.sso.message";

    /** Where a session came from: the registration and the ID token (for logout at the provider). */
    public record SsoDetails(String registrationId, String idToken, @Nullable String remoteAddress,
                             @Nullable String sessionId) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final SecurityContextHolderStrategy strategy;
    private final SessionRegistry sessions;
    private final AuditLog audit;
    private final SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    public SsoSignInHandlers(SecurityContextHolderStrategy strategy, SessionRegistry sessions, AuditLog audit) {
        this.strategy = strategy;
        this.sessions = sessions;
        this.audit = audit;
        next.setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, jakarta.servlet.ServletException {
        if (authentication instanceof OAuth2AuthenticationToken token && token.getPrincipal() instanceof SsoUserService.SignedIn signedIn) {
            var user = signedIn.user();
            var web = authentication.getDetails() instanceof WebAuthenticationDetails d ? d : null;
            var session = request.getSession();
            var result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            result.setDetails(new SsoDetails(token.getAuthorizedClientRegistrationId(), signedIn.getIdToken().getTokenValue(),
                    web != null ? web.getRemoteAddress() : request.getRemoteAddr(), session.getId()));
            var context = strategy.createEmptyContext();
            context.setAuthentication(result);
            strategy.setContext(context);
            repository.saveContext(context, request, response);
            sessions.registerNewSession(session.getId(), user);
            String amr = signedIn.getClaims().get("amr") == null ? null : String.valueOf(signedIn.getClaims().get("amr"));
            String acr = signedIn.getClaims().get("acr") == null ? null : String.valueOf(signedIn.getClaims().get("acr"));
            audit.recordIndependently(AuditAction.LOGIN_SUCCEEDED, "user", user.getUsername(), "Signed in with "
                    + signedIn.provider() + (amr != null ? " (amr " + amr + ")" : "") + (acr != null ? " (acr " + acr + ")" : ""));
        }
        next.onAuthenticationSuccess(request, response, strategy.getContext().getAuthentication());
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String code = exception instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "failed";
        String message;
        if (SsoUserService.REFUSED.equals(code) && exception instanceof OAuth2AuthenticationException o
                && o.getError().getDescription() != null) {
            message = o.getError().getDescription(); // a refusal by the mapping rules, already audited
        } else {
            message = "Company sign-in did not complete (" + code + "). Start again with the button below; "
                    + "if it keeps failing, tell your administrator.";
            log.info("Company sign-in failed: {} ({})", code, exception.getMessage());
            audit.recordIndependently(AuditAction.LOGIN_FAILED, "user", null,
                    "Company sign-in failed (" + code + "): " + exception.getMessage());
        }
        request.getSession().setAttribute(MESSAGE, message);
        response.sendRedirect(request.getContextPath() + "/login?sso-error");
    }
}
