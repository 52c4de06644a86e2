package com.demarc.security;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.shared.DemarcUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Rights follow changes at once, on every node: on each request (pages, Vaadin's UIDL requests and {@code /files/**}
 * alike) the session's security version is compared with the database's. Behind it: the session's roles are
 * refreshed; behind the sign-out version (password reset, disabled), or the account gone or an auditor past the end
 * date: the session is ended and the request goes on as anonymous (the login page, or a refusal).
 */
class SessionRightsFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(SessionRightsFilter.class);

    private final SessionStates states;
    private final SecurityContextHolderStrategy strategy;
    private final Clock clock;
    private final AuditLog audit;

    SessionRightsFilter(SessionStates states, SecurityContextHolderStrategy strategy, Clock clock, AuditLog audit) {
        this.states = states;
        this.strategy = strategy;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var context = strategy.getContext();
        var auth = context.getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof DemarcUser user && user.id() > 0) {
            java.util.Optional<com.demarc.organization.SessionState> state;
            try {
                state = states.get(user.id());
            } catch (org.springframework.dao.DataAccessException | org.springframework.transaction.TransactionException e) {
                // fail closed, but as what it is: an outage (Vaadin's client shows it is reconnecting), never a 500
                log.warn("Rights of {} not checked, the database is not reachable: {}", user.getUsername(), e.getMessage());
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setHeader("Retry-After", "5");
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("The database is not reachable right now: nothing was changed. Try again in a moment.");
                return;
            }
            if (state.isEmpty() || state.get().refusedOn(LocalDate.now(clock))
                    || user.securityVersion() < state.get().signOutVersion()) {
                String why = state.isEmpty() ? "account deleted" : !state.get().enabled() ? "account disabled"
                        : state.get().refusedOn(LocalDate.now(clock)) ? "access ended" : "password reset or signed out";
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                strategy.setContext(strategy.createEmptyContext());
                log.info("Ended a session of {}: {}", user.getUsername(), why);
                audit.recordIndependently(AuditAction.SESSION_ENDED, "user", user.getUsername(),
                        "Session of " + user.getUsername() + " ended: " + why);
                // a page load lands on the login page with "your session was ended"; Vaadin's own requests and
                // downloads go on as anonymous (Vaadin reports the expired session, downloads are refused)
                if ("GET".equals(request.getMethod()) && request.getParameter("v-r") == null
                        && !request.getRequestURI().startsWith(request.getContextPath() + "/files/")) {
                    response.sendRedirect(request.getContextPath() + "/login?expired");
                    return;
                }
            } else if (user.securityVersion() != state.get().securityVersion()) {
                var s = state.get();
                var refreshed = new DemarcUser(user.id(), s.username(), s.displayName(), s.roles(), true, true, null,
                        s.securityVersion());
                var token = UsernamePasswordAuthenticationToken.authenticated(refreshed, null, refreshed.getAuthorities());
                token.setDetails(auth.getDetails());
                // the session's own context object: Vaadin's UI threads of this session see the change too
                context.setAuthentication(token);
                var session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                }
                log.debug("Refreshed the rights of {} to version {}", s.username(), s.securityVersion());
            }
        }
        chain.doFilter(request, response);
    }
}
