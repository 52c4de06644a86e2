package com.demarc.security;

import com.demarc.organization.UserDirectory;
import com.demarc.shared.DemarcUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts for sign-in. Spring's DaoAuthenticationProvider hashes a dummy password for unknown users. */
@Service
class AccountDetailsService implements UserDetailsService {
    private final UserDirectory directory;

    AccountDetailsService(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var account = directory.findForLogin(username)
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
        return new DemarcUser(account.id().value(), account.username(), account.displayName(), account.roles(),
                account.enabled(), account.passwordHash());
    }
}
