package com.demarc.security.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.Locale;

/**
 * Login throttling: after {@code max-failures} failed logins for one account within the window, the account is
 * locked for the window; an address with {@code max-failures-per-address} failures is refused likewise (stops
 * password spraying across accounts). Failures are kept in the database, so every node agrees.
 */
@Component
public class LoginThrottle {
    private final JdbcClient jdbc;
    private final int maxFailures;
    private final int maxPerAddress;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc,
                  @Value("${demarc.security.login.max-failures:10}") int maxFailures,
                  @Value("${demarc.security.login.max-failures-per-address:50}") int maxPerAddress,
                  @Value("${demarc.security.login.lock-duration:15m}") Duration window) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    @Transactional(readOnly = true)
    public boolean accountLocked(String username) {
        return failures("username", key(username)) >= maxFailures;
    }

    @Transactional(readOnly = true)
    public boolean addressLocked(String address) {
        return failures("address", address) >= maxPerAddress;
    }

    /** Records a failure; true when it is the one that locks the account. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean recordFailure(String username, String address) {
        jdbc.sql("insert into login_failure (username, address) values (:u, :a)")
                .param("u", key(username)).param("a", address == null ? "unknown" : address).update();
        return failures("username", key(username)) == maxFailures;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String username) {
        jdbc.sql("delete from login_failure where username = :u").param("u", key(username)).update();
    }

    private int failures(String column, String value) {
        return jdbc.sql("select count(*) from login_failure where " + column + " = :v and at > now() - make_interval(secs => :s)")
                .param("v", value).param("s", window.toSeconds()).query(Integer.class).single();
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
