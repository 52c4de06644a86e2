package com.demarc.security;

import com.demarc.audit.AuditLog;
import com.demarc.security.internal.LoginThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-in with throttling and an audit trail. A locked account or address is refused with the same message as a wrong
 * password, after the same password-hash work, so neither the message nor the time says whether the user exists or
 * is locked. Unknown users cost a dummy Argon2 check (Spring's DaoAuthenticationProvider does that).
 */
@Component
class ThrottlingAuthenticationProvider implements AuthenticationProvider {
    private final DaoAuthenticationProvider delegate;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String dummyHash;

    ThrottlingAuthenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                     AuditLog audit) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(passwordEncoder);
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.audit = audit;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        if (throttle.accountLocked(username) || (address != null && throttle.addressLocked(address))) {
            passwordEncoder.matches(String.valueOf(authentication.getCredentials()), dummyHash);
            throttle.recordFailure(username, address);
            audit.recordIndependently("LOGIN_REFUSED_LOCKED", "user", username, "Login refused: locked after too many failures");
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.recordSuccess(username);
            audit.recordIndependently("LOGIN_SUCCEEDED", "user", result.getName(), "Signed in");
            return result;
        } catch (AuthenticationException e) {
            boolean nowLocked = throttle.recordFailure(username, address);
            audit.recordIndependently("LOGIN_FAILED", "user", username, "Login failed (" + e.getClass().getSimpleName() + ")");
            if (nowLocked) {
                audit.recordIndependently("ACCOUNT_LOCKED", "user", username, "Locked after repeated failed logins");
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
