package com.demarc.security;

import com.demarc.audit.AuditAction;
import com.demarc.audit.AuditLog;
import com.demarc.security.internal.LoginThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Sign-in with throttling and an audit trail. The attempt is counted before the password hash work (see
 * {@link LoginThrottle}); then exactly one Argon2 check is made whatever the account's state — unknown, locked,
 * disabled, expired or fine — and every refusal carries the same message, so neither the answer nor the time says
 * whether the user exists, is locked or disabled. The real reason goes to the audit log.
 */
@Component
class ThrottlingAuthenticationProvider implements AuthenticationProvider {
    private static final String BAD_CREDENTIALS = "Bad credentials";

    private final UserDetailsService users;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String dummyHash;
    private final MfaPolicy mfaPolicy;
    private final com.demarc.organization.AccountSignIn accountSignIn;

    private final org.springframework.context.ApplicationEventPublisher events;

    ThrottlingAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                     AuditLog audit, MfaPolicy mfaPolicy, com.demarc.organization.AccountSignIn accountSignIn) {
        this(users, passwordEncoder, throttle, audit, mfaPolicy, accountSignIn, event -> { });
    }

    @org.springframework.beans.factory.annotation.Autowired
    ThrottlingAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                     AuditLog audit, MfaPolicy mfaPolicy, com.demarc.organization.AccountSignIn accountSignIn,
                                     org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.mfaPolicy = mfaPolicy;
        this.accountSignIn = accountSignIn;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String presented = authentication.getCredentials() == null ? "" : String.valueOf(authentication.getCredentials());
        // the servlet's remote address: a trusted proxy's client address only where RemoteIpValve is configured
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        var attempt = throttle.attempt(username, address);
        UserDetails user = attempt.allowed() ? load(username) : null;
        boolean matches;
        try {
            matches = passwordEncoder.matches(presented, user != null && user.getPassword() != null ? user.getPassword()
                    : dummyHash);
        } catch (BoundedPasswordEncoder.Busy busy) {
            // counted as an attempt like any other (a flood cannot be used to guess more passwords)
            audit.recordIndependently(AuditAction.LOGIN_FAILED, "user", username, "Login failed (password checks busy)");
            throw busy;
        }
        if (!attempt.allowed()) {
            audit.recordIndependently(AuditAction.LOGIN_REFUSED_LOCKED, "user", username, "Login refused: "
                    + (attempt.outcome() == LoginThrottle.Outcome.ACCOUNT_LOCKED ? "account" : "address " + address)
                    + " locked after too many failures");
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        String refusal = user == null ? "unknown user" : !matches ? "wrong password"
                : !user.isEnabled() ? "account disabled" : !user.isAccountNonExpired() ? "access ended" : null;
        if (refusal != null) {
            audit.recordIndependently(AuditAction.LOGIN_FAILED, "user", username, "Login failed (" + refusal + ")");
            if (attempt.locksIfWrong()) {
                audit.recordIndependently(AuditAction.ACCOUNT_LOCKED, "user", username, "Locked after repeated failed logins");
                // an unknown username is locked too (the answer must not tell); nobody is told then
                events.publishEvent(new com.demarc.organization.AccountSecurityEvent(username,
                        com.demarc.organization.AccountSecurityEvent.What.SIGN_IN_LOCKED, "Too many wrong passwords"
                        + (address == null ? "" : " from " + address) + ". If this was not you, change your password."));
            }
            throw new BadCredentialsException(BAD_CREDENTIALS);
        }
        throttle.succeeded(username);
        // an enrolled authenticator app, or one a role requires after its grace period: the second step comes first
        if (user instanceof com.demarc.shared.DemarcUser demarcUser) {
            var step = mfaPolicy.assess(demarcUser);
            if (step != MfaPolicy.Step.NONE) {
                throw new SecondFactorRequired(demarcUser, step == MfaPolicy.Step.CODE ? SecondFactorSignIn.Mode.CODE
                        : SecondFactorSignIn.Mode.ENROL, authentication.getDetails());
            }
            accountSignIn.recordSignIn(new com.demarc.organization.UserId(demarcUser.id()));
        }
        audit.recordIndependently(AuditAction.LOGIN_SUCCEEDED, "user", user.getUsername(), "Signed in");
        var result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    private @Nullable UserDetails load(String username) {
        try {
            return users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
