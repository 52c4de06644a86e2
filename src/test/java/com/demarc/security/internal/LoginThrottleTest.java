package com.demarc.security.internal;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's time rules, with a clock the test moves: locks that are not extended, purging old failures. */
@DemarcTest
class LoginThrottleTest {
    @Autowired
    JdbcClient jdbc;

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MovableClock clock;
    LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        throttle = new LoginThrottle(jdbc, clock, 10, 5, Duration.ofMinutes(15), Duration.ofDays(30));
    }

    private static String user() {
        return "throttle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void attemptsOnALockedAccountDoNotExtendTheLock() {
        String admin = user();
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.attempt(admin, "10.0.0.1").allowed()).isTrue();
        }
        assertThat(throttle.attempt(admin, "10.0.0.1").outcome()).isEqualTo(LoginThrottle.Outcome.ACCOUNT_LOCKED);
        // an attacker tries every four minutes: the lock still ends 15 minutes after the failures that caused it
        for (int minute = 4; minute < 15; minute += 4) {
            clock.advance(Duration.ofMinutes(4));
            assertThat(throttle.attempt(admin, "10.0.0.1").allowed()).as("minute %d", minute).isFalse();
        }
        clock.advance(Duration.ofMinutes(4)); // 16 minutes after the lock
        assertThat(throttle.attempt(admin, "10.0.0.1").allowed()).isTrue();
        assertThat(throttle.recentFailures(admin)).isEqualTo(1);
    }

    @Test
    void aBurstAgainstOneAccountDoesNotLockTheOtherUsersOfThatAddressButSprayingDoes() {
        String address = "192.0.2." + (int) (Math.random() * 250);
        String victim = user();
        for (int i = 0; i < 40; i++) {
            throttle.attempt(victim, address);
        }
        assertThat(throttle.accountLocked(victim)).isTrue();
        String colleague = user();
        assertThat(throttle.attempt(colleague, address).allowed()).as("another user behind the same address").isTrue();
        throttle.succeeded(colleague);
        // spraying: one guess each at many accounts locks the address (limit here: 5 other accounts)
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.attempt(user(), address).allowed()).isTrue();
        }
        assertThat(throttle.attempt(user(), address).outcome()).isEqualTo(LoginThrottle.Outcome.ADDRESS_LOCKED);
        assertThat(throttle.attempt(user(), "198.51.100.7").allowed()).as("another address").isTrue();
    }

    @Test
    void oldFailuresArePurgedAfterTheRetention() {
        String old = user();
        jdbc.sql("insert into login_failure (username, address, at) values (:u, 'x', :at)").param("u", old)
                .param("at", clock.instant().minus(Duration.ofDays(31)).atOffset(ZoneOffset.UTC)).update();
        String recent = user();
        throttle.attempt(recent, "x");
        assertThat(throttle.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from login_failure where username = :u").param("u", old)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from login_failure where username = :u").param("u", recent)
                .query(Integer.class).single()).isEqualTo(1);
    }
}
