package com.demarc.organization.internal.scim;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.shared.DemarcUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The security of {@code /scim/**}, ahead of the browser chain: a SCIM bearer token or a 401 SCIM error; no session,
 * no CSRF (no cookies are used, so there is nothing to forge), no request cache, no login redirect.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScimSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain scimFilterChain(HttpSecurity http, ScimTokens tokens, AuditLog audit,
                                        ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
        var holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        http.securityMatcher("/scim/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ScimProvisioning.AUTHORITY))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> ScimErrors.send(res,
                                ScimErrors.of(401, null, "Send a SCIM bearer token (Authorization: Bearer …) created by a Demarc admin.")))
                        .accessDeniedHandler((req, res, ex) -> ScimErrors.send(res,
                                ScimErrors.of(403, null, "This token may not provision users."))))
                .addFilterBefore(new BearerTokenFilter(tokens, audit, holder), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    /** Authenticates {@code Authorization: Bearer demarc_scim_…}; a wrong or revoked token gets a 401 at once. */
    static final class BearerTokenFilter extends OncePerRequestFilter {
        private final ScimTokens tokens;
        private final AuditLog audit;
        private final SecurityContextHolderStrategy holder;

        BearerTokenFilter(ScimTokens tokens, AuditLog audit, SecurityContextHolderStrategy holder) {
            this.tokens = tokens;
            this.audit = audit;
            this.holder = holder;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
            var token = presented == null ? java.util.Optional.<com.demarc.organization.ScimToken>empty() : tokens.authenticate(presented);
            if (token.isEmpty()) {
                if (presented != null) {
                    audit.recordIndependently(AuditAction.SCIM_REFUSED, "scim_token", "unknown",
                            "SCIM request refused: unknown or revoked token from " + request.getRemoteAddr());
                }
                ScimErrors.send(response, ScimErrors.of(401, null, presented == null
                        ? "Send a SCIM bearer token (Authorization: Bearer …) created by a Demarc admin."
                        : "The bearer token is unknown or revoked: ask a Demarc admin for a new SCIM token."));
                return;
            }
            var principal = new DemarcUser(0, "scim:" + token.get().name(), "SCIM (" + token.get().name() + ")",
                    Set.of(), true, null);
            var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                    List.of(new SimpleGrantedAuthority(ScimProvisioning.AUTHORITY)));
            var context = holder.createEmptyContext();
            context.setAuthentication(authentication);
            holder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                holder.clearContext();
            }
        }
    }
}
