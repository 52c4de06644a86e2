package com.demarc.security;

import com.demarc.organization.AccountSignIn;
import com.demarc.organization.UserDirectory;
import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code demarc.security.local-login=false}: the account lookup behind the form (and any POST made without it)
 * finds only break-glass accounts; every other account answers exactly like an unknown user.
 */
@DemarcTest
class LocalLoginSwitchTest {
    @Autowired
    UserDirectory directory;
    @Autowired
    AccountSignIn accountSignIn;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        jdbc.sql("update app_user set break_glass = false where username = 'admin'").update();
    }

    @Test
    void withLocalSignInOffOnlyBreakGlassAccountsAreFoundByTheForm() {
        var off = new AccountDetailsService(directory, clock, accountSignIn, false);
        assertThatThrownBy(() -> off.loadUserByUsername("alice")).isInstanceOf(UsernameNotFoundException.class)
                .hasMessage("Bad credentials");
        assertThatThrownBy(() -> off.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        jdbc.sql("update app_user set break_glass = true where username = 'admin'").update();
        assertThat(off.loadUserByUsername("admin").getUsername()).isEqualTo("admin");

        var on = new AccountDetailsService(directory, clock, accountSignIn, true);
        assertThat(on.loadUserByUsername("alice").getUsername()).isEqualTo("alice");
    }
}
