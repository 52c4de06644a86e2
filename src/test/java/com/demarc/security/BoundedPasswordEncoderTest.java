package com.demarc.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign-ins arriving together: no more password hashes run at once than the bound, and every one is answered. */
class BoundedPasswordEncoderTest {

    @Test
    void atMostTheBoundRunAtOnceAndEveryCheckIsAnswered() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        PasswordEncoder slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return "{slow}" + raw;
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20); // an Argon2 check holds its memory about this long
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return encoded.equals(encode(raw));
            }
        };
        var bounded = new BoundedPasswordEncoder(slow, 2, java.time.Duration.ofSeconds(30));
        var answers = new ArrayList<Future<Boolean>>();
        try (var pool = Executors.newFixedThreadPool(30)) {
            for (int i = 0; i < 30; i++) {
                String password = "password-" + i;
                answers.add(pool.submit(() -> bounded.matches(password, "{slow}" + password)));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        }
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aCheckThatCannotStartInTimeIsAnsweredBusyAndTheNextOneRunsAgain() throws Exception {
        var bounded = whileTheOnlySlotIsHeld(b -> assertThatThrownBy(() -> b.matches("b", "{held}b"))
                .isInstanceOf(BoundedPasswordEncoder.Busy.class)
                .isInstanceOf(org.springframework.security.core.AuthenticationException.class)
                .hasMessageContaining("Try again in a moment"));
        assertThat(bounded.matches("c", "{held}c")).isTrue();
    }

    @Test
    void settingAPasswordThatCannotStartInTimeIsRefusedWithAMessageToTryAgain() throws Exception {
        var bounded = whileTheOnlySlotIsHeld(b -> assertThatThrownBy(() -> b.encode("new password"))
                .isInstanceOf(com.demarc.shared.UserFacingException.class)
                .hasMessageContaining("nothing was changed").hasMessageContaining("Try again in a moment"));
        assertThat(bounded.encode("new password")).isNotBlank();
    }

    /** A bound of one with a 100 ms wait: {@code check} runs while another check holds the slot, which is then freed. */
    private static BoundedPasswordEncoder whileTheOnlySlotIsHeld(java.util.function.Consumer<BoundedPasswordEncoder> check)
            throws Exception {
        var held = new HeldPasswordEncoder();
        var bounded = new BoundedPasswordEncoder(held, 1, java.time.Duration.ofMillis(100));
        try (var pool = Executors.newSingleThreadExecutor()) {
            var first = pool.submit(() -> bounded.matches("a", "{held}a"));
            held.started.await();
            check.accept(bounded);
            held.release.countDown();
            assertThat(first.get()).isTrue();
        }
        return bounded;
    }

    @Test
    void aBoundBelowOneIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> new BoundedPasswordEncoder(null, -1, java.time.Duration.ofSeconds(1)))
                .hasMessageContaining("demarc.security.password-hashing-concurrency");
    }
}
