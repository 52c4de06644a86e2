package com.demarc.organization.internal;

import com.demarc.organization.PasswordPolicy;
import com.demarc.shared.Role;
import com.demarc.shared.startup.StartupRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Set;

/**
 * A fresh production database has no users; when DEMARC_ADMIN_PASSWORD is given, the first administrator
 * ("admin") is created from it, so nobody has to insert rows by hand. A password the policy refuses stops the start
 * with the reason (a running app without an administrator would look healthy and be unusable).
 */
@Component
@Order(5)
class BootstrapAdmin implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy policy;
    private final String password;

    BootstrapAdmin(UserRepository users, PasswordEncoder passwordEncoder, PasswordPolicy policy,
                   @Value("${demarc.bootstrap-admin-password:}") String password) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.policy = policy;
        this.password = password;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.any()) {
            return;
        }
        if (password.isBlank()) {
            log.warn("No users exist yet. Set DEMARC_ADMIN_PASSWORD and restart to create the first administrator 'admin'.");
            return;
        }
        var problems = policy.problems(password, "admin");
        if (!problems.isEmpty()) {
            // starting anyway would report healthy with nobody able to sign in (issue 19): stop, exit code ≠ 0
            throw new StartupRefusedException("Demarc did not start: there is no user yet and DEMARC_ADMIN_PASSWORD "
                    + "cannot be the first administrator's password: " + String.join(" ", problems),
                    "Set DEMARC_ADMIN_PASSWORD to a password that meets these rules and start Demarc again (README, Configuration).");
        }
        users.insert("admin", "Administrator", "admin@localhost", passwordEncoder.encode(password), true,
                Set.of(Role.ADMIN), "bootstrap");
        log.info("Created the first administrator 'admin' from DEMARC_ADMIN_PASSWORD.");
    }
}
