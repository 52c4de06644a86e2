package com.demarc.security;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.AccountSignIn;
import com.demarc.organization.UserId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The two ends of the second step around the local form: a password that needs a second factor lands on
 * <em>Two-step sign-in</em> with a pending sign-in (any other failure on the login page's error, as before); and
 * {@code /login/two-step/done} turns a verified pending sign-in into the real authentication in a plain HTTP request,
 * with a new session id, registered for the sessions page and as the last sign-in.
 */
final class SecondFactorHandlers {
    static final String PAGE = "/login/two-step";
    static final String DONE = "/login/two-step/done";

    private SecondFactorHandlers() {
    }

    static AuthenticationFailureHandler failureHandler(SecondFactorSignIn signIn, AuditLog audit) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            if (exception instanceof SecondFactorRequired required) {
                signIn.start(request, required.user(), required.mode(), required.details());
                audit.recordIndependently(AuditAction.LOGIN_SUCCEEDED, "user", required.user().getUsername(),
                        required.mode() == SecondFactorSignIn.Mode.CODE ? "Password accepted; second factor asked"
                                : "Password accepted; enrolment of an authenticator app required by role");
                response.sendRedirect(request.getContextPath() + PAGE);
            } else if (exception instanceof BoundedPasswordEncoder.Busy) {
                response.sendRedirect(request.getContextPath() + "/login?busy");
            } else {
                response.sendRedirect(request.getContextPath() + "/login?error");
            }
        };
    }

    /** Completes a verified second step; anything else goes back to the sign-in page. */
    static final class CompletionFilter extends OncePerRequestFilter {
        private final SecondFactorSignIn signIn;
        private final SecurityContextHolderStrategy strategy;
        private final SessionRegistry sessions;
        private final AccountSignIn accountSignIn;
        private final AuditLog audit;
        private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

        CompletionFilter(SecondFactorSignIn signIn, SecurityContextHolderStrategy strategy, SessionRegistry sessions,
                         AccountSignIn accountSignIn, AuditLog audit) {
            this.signIn = signIn;
            this.strategy = strategy;
            this.sessions = sessions;
            this.accountSignIn = accountSignIn;
            this.audit = audit;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !(request.getContextPath() + DONE).equals(request.getRequestURI());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var pending = signIn.takeVerified(request);
            if (pending.isEmpty()) {
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
            var user = pending.get().user();
            request.changeSessionId();
            var token = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            token.setDetails(pending.get().details());
            var context = strategy.createEmptyContext();
            context.setAuthentication(token);
            strategy.setContext(context);
            repository.saveContext(context, request, response);
            sessions.registerNewSession(request.getSession().getId(), user);
            accountSignIn.recordSignIn(new UserId(user.id()));
            audit.recordIndependently(AuditAction.LOGIN_SUCCEEDED, "user", user.getUsername(),
                    "Signed in (second factor: " + pending.get().how() + ")");
            response.sendRedirect(request.getContextPath() + "/");
        }
    }
}
