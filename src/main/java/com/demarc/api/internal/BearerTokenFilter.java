package com.demarc.api.internal;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.organization.SecurityVersions;
import com.demarc.organization.UserId;
import com.demarc.shared.DemarcUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Authenticates {@code Authorization: Bearer demarc_pat_…/demarc_svc_…} on every call: unknown, revoked or expired
 * tokens, disabled accounts and tokens made before the account's last sign-out version (password reset, disabled,
 * signed out everywhere) get a 401 problem that says what to do, audited; then the per-token rate limit (429 with
 * Retry-After). The principal carries the account's rights as the database holds them now (a role taken away
 * applies at the next call), exactly as a refreshed session would.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    static final String NO_TOKEN = "Send a Demarc API token as 'Authorization: Bearer <token>'. Create one on the "
            + "'API tokens' page of your user menu (or ask a compliance manager for a team service account).";

    private final ApiTokenRepository tokens;
    private final SecurityVersions versions;
    private final RateLimits limits;
    private final AuditLog audit;
    private final SecurityContextHolderStrategy holder;
    private final Clock clock;

    BearerTokenFilter(ApiTokenRepository tokens, SecurityVersions versions, RateLimits limits, AuditLog audit,
                      SecurityContextHolderStrategy holder, Clock clock) {
        this.tokens = tokens;
        this.versions = versions;
        this.limits = limits;
        this.audit = audit;
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.write(request, response, 401, "unauthorized", "Token required", NO_TOKEN);
            return;
        }
        String presented = header.substring(7).strip();
        var found = presented.length() > 200 || !(presented.startsWith(ApiTokenRepository.PERSONAL_PREFIX)
                || presented.startsWith(ApiTokenRepository.SERVICE_PREFIX))
                ? java.util.Optional.<ApiTokenRepository.Presented>empty() : tokens.bySecret(presented);
        if (found.isEmpty()) {
            refuse(request, response, "unknown", "Unknown token", "unknown token",
                    "This token is not a Demarc API token (or was deleted): copy it again from where you stored it, "
                            + "or create a new one on the 'API tokens' page.");
            return;
        }
        var token = found.get();
        var now = clock.instant();
        if (token.revokedAt() != null) {
            refuse(request, response, String.valueOf(token.id()), "Token revoked", "revoked token '" + token.name() + "'",
                    "The token '" + token.name() + "' was revoked on " + token.revokedAt() + ": create a new one on the "
                            + "'API tokens' page and update the script that uses it.");
            return;
        }
        if (!token.expiresAt().isAfter(now)) {
            refuse(request, response, String.valueOf(token.id()), "Token expired", "expired token '" + token.name() + "'",
                    "The token '" + token.name() + "' expired on " + token.expiresAt() + ": create a new one on the "
                            + "'API tokens' page and update the script that uses it.");
            return;
        }
        var state = versions.state(new UserId(token.userId()));
        if (state.isEmpty() || state.get().refusedOn(LocalDate.now(clock))) {
            refuse(request, response, String.valueOf(token.id()), "Account disabled", "token '" + token.name()
                    + "' of a disabled account", "The account of this token is disabled or its access has ended: "
                    + "ask a Demarc admin.");
            return;
        }
        if (token.securityVersion() < state.get().signOutVersion()) {
            refuse(request, response, String.valueOf(token.id()), "Token no longer valid", "token '" + token.name()
                    + "' made before a password reset or sign-out", "The password of this account was reset, or it "
                    + "was signed out everywhere, after the token '" + token.name() + "' was made: create a new token.");
            return;
        }
        long wait = limits.tryCall(token.id());
        if (wait > 0) {
            response.setHeader("Retry-After", String.valueOf(wait));
            Problems.write(request, response, 429, "rate-limited", "Too many requests",
                    "The token '" + token.name() + "' made too many calls: wait " + wait + " s (Retry-After) and slow "
                            + "the script down.");
            return;
        }
        tokens.touch(token.id());
        var s = state.get();
        var principal = new DemarcUser(s.id().value(), s.username(), s.displayName(), s.roles(), true, true, null,
                s.securityVersion());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        authentication.setDetails("api-token:" + token.id());
        var context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        request.setAttribute("demarc.api.token", token.id());
        try {
            chain.doFilter(request, response);
        } finally {
            holder.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String entity, String title,
                        String what, String detail) throws IOException {
        audit.recordIndependently(AuditAction.API_REFUSED, "api_token", entity,
                "API call refused (" + what + "): " + request.getMethod() + " " + request.getRequestURI()
                        + " from " + request.getRemoteAddr());
        Problems.write(request, response, 401, "unauthorized", title, detail);
    }
}
