package com.demarc.security.internal;

import com.demarc.organization.PasswordAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Sign-in throttling, kept in the database so every node agrees. Each attempt is counted as a failure <em>before</em>
 * the password hash work, under a per-account advisory lock, so parallel guesses cannot pass the check together
 * (at most {@code max-failures} are recorded, then the account is locked); a right password clears the account's
 * failures. Attempts on a locked account are not recorded, so they never extend the lock: it ends
 * {@code lock-duration} after the failures that caused it. The per-address limit counts <em>distinct accounts</em>
 * that failed from the address (password spraying), so a burst against one account never locks the other users of a
 * shared address. The address is the servlet's remote address, which only Tomcat's RemoteIpValve rewrites, and only
 * for trusted proxies ({@code server.forward-headers-strategy}, {@code server.tomcat.remoteip.*}).
 */
@Component
public class LoginThrottle implements PasswordAttempts {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int ACCOUNT_LOCKS = 1;
    private static final int ADDRESS_LOCKS = 2;

    /** What the throttle decided for one attempt. */
    public enum Outcome { ALLOWED, ACCOUNT_LOCKED, ADDRESS_LOCKED }

    /** An attempt: allowed (and counted as a failure until it succeeds) or refused; whether a failure locks. */
    public record Attempt(Outcome outcome, boolean locksIfWrong) {
        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final int maxAccountsPerAddress;
    private final Duration window;
    private final Duration retention;

    public LoginThrottle(JdbcClient jdbc, Clock clock,
                         @Value("${demarc.security.login.max-failures:10}") int maxFailures,
                         @Value("${demarc.security.login.max-failures-per-address:50}") int maxAccountsPerAddress,
                         @Value("${demarc.security.login.lock-duration:15m}") Duration window,
                         @Value("${demarc.security.login.failure-retention:30d}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.maxAccountsPerAddress = maxAccountsPerAddress;
        this.window = window;
        this.retention = retention.compareTo(window) < 0 ? window : retention;
    }

    /**
     * Decides and records in one short transaction, before any hash work: refused when the account (or address) is
     * locked — nothing recorded — else a failure is recorded now and cleared by {@link #succeeded} if the password
     * turns out right.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Attempt attempt(String username, String address) {
        String user = key(username);
        jdbc.sql("select pg_advisory_xact_lock(:ns, hashtext(:k))").param("ns", ACCOUNT_LOCKS).param("k", user)
                .query((rs, n) -> 1).list();
        var since = at(clock.instant().minus(window));
        int failures = jdbc.sql("select count(*) from login_failure where username = :u and at > :since")
                .param("u", user).param("since", since).query(Integer.class).single();
        if (failures >= maxFailures) {
            return new Attempt(Outcome.ACCOUNT_LOCKED, false);
        }
        if (address != null) {
            jdbc.sql("select pg_advisory_xact_lock(:ns, hashtext(:k))").param("ns", ADDRESS_LOCKS).param("k", address)
                    .query((rs, n) -> 1).list();
            int accounts = jdbc.sql("""
                            select count(distinct username) from login_failure
                             where address = :a and at > :since and username <> :u""")
                    .param("a", address).param("since", since).param("u", user).query(Integer.class).single();
            if (accounts >= maxAccountsPerAddress) {
                return new Attempt(Outcome.ADDRESS_LOCKED, false);
            }
        }
        jdbc.sql("insert into login_failure (username, address, at) values (:u, :a, :at)")
                .param("u", user).param("a", address == null ? "unknown" : address).param("at", at(clock.instant()))
                .update();
        return new Attempt(Outcome.ALLOWED, failures + 1 >= maxFailures);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW) // kept when the caller's transaction rolls back
    public boolean begin(String username, String address) {
        return attempt(username, address).allowed();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String username) {
        jdbc.sql("delete from login_failure where username = :u").param("u", key(username)).update();
    }

    /** True while the account is locked (for screens and tests; sign-in decides in {@link #attempt}). */
    @Transactional(readOnly = true)
    public boolean accountLocked(String username) {
        return jdbc.sql("select count(*) from login_failure where username = :u and at > :since")
                .param("u", key(username)).param("since", at(clock.instant().minus(window)))
                .query(Integer.class).single() >= maxFailures;
    }

    /** Failures recorded for the account within the lock window. */
    @Transactional(readOnly = true)
    public int recentFailures(String username) {
        return jdbc.sql("select count(*) from login_failure where username = :u and at > :since")
                .param("u", key(username)).param("since", at(clock.instant().minus(window)))
                .query(Integer.class).single();
    }

    /** Deletes failures older than {@code failure-retention} (hourly, on every node: the delete is idempotent). */
    @Scheduled(cron = "${demarc.security.login.purge-cron:0 17 * * * *}")
    @SchedulerLock(name = "login-failure-purge", lockAtMostFor = "PT10M", lockAtLeastFor = "PT1M")
    @Transactional
    public int purge() {
        int deleted = jdbc.sql("delete from login_failure where at < :before")
                .param("before", at(clock.instant().minus(retention))).update();
        if (deleted > 0) {
            log.info("Purged {} sign-in failure(s) older than {}", deleted, retention);
        }
        return deleted;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
