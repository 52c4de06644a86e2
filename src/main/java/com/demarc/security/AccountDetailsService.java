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
    private final com.demarc.organization.AccountSignIn accountSignIn;
    private final boolean localLogin;

    AccountDetailsService(UserDirectory directory, java.time.Clock clock,
                          com.demarc.organization.AccountSignIn accountSignIn,
                          @org.springframework.beans.factory.annotation.Value("${demarc.security.local-login:true}") boolean localLogin) {
        this.directory = directory;
        this.clock = clock;
        this.accountSignIn = accountSignIn;
        this.localLogin = localLogin;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = directory.findForLogin(username)
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
        // demarc.security.local-login=false: the form (and a POST made without it) works only for break-glass accounts
        if (!localLogin && !accountSignIn.isBreakGlass(account.id())) {
            throw new UsernameNotFoundException("Bad credentials");
        }
        boolean current = account.accessUntil() == null || !account.accessUntil().isBefore(java.time.LocalDate.now(clock));
        return new DemarcUser(account.id().value(), account.username(), account.displayName(), account.roles(),
                account.enabled(), current, account.passwordHash(), account.securityVersion());
    }
}
