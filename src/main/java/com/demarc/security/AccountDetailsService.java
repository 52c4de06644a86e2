package com.demarc.security;

import com.demarc.organization.UserDirectory;
import com.demarc.shared.DemarcUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts for sign-in. ThrottlingAuthenticationProvider hashes a dummy password for unknown users. */
@Service
class AccountDetailsService implements UserDetailsService {
    private final UserDirectory directory;
    private final java.time.Clock clock;

    AccountDetailsService(UserDirectory directory, java.time.Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = directory.findForLogin(username)
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
        boolean current = account.accessUntil() == null || !account.accessUntil().isBefore(java.time.LocalDate.now(clock));
        return new DemarcUser(account.id().value(), account.username(), account.displayName(), account.roles(),
                account.enabled(), current, account.passwordHash(), account.securityVersion());
    }
}
