package com.demarc.security;

import com.demarc.shared.UserFacingException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2 with a bound on how many hashes run at once. Each Argon2id hash holds its memory cost (19 MiB) for as long
 * as it runs, so sign-ins at the same moment multiply it: the 50 users of a node that died signing in again on the
 * survivor ran its heap out (issue 17's cluster benchmark), and so would anyone sending many sign-in attempts at once.
 * Here at most {@code concurrency} hashes run; the others wait their turn (fairly), which costs a sign-in a few tens of
 * milliseconds per hash ahead of it, and the memory stays at {@code concurrency} × 19 MiB. A check that waits longer
 * than {@code wait} (a flood of sign-ins) is answered {@link Busy} instead of holding a request thread for ever: the same
 * answer for every account, known or not (the unknown ones are checked against a dummy hash, through here too). Setting
 * a password waits the same way and is then refused with a message to try again ({@link #busySettingPassword}).
 */
final class BoundedPasswordEncoder implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final Semaphore running;
    private final long waitNanos;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency, Duration wait) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("demarc.security.password-hashing-concurrency must be at least 1, not "
                    + concurrency);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("demarc.security.password-hashing-wait must not be negative, not " + wait);
        }
        this.delegate = delegate;
        this.running = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
    }

    /** A slot for one hash, or {@code busy} once the wait is over. */
    private void acquire(java.util.function.Supplier<RuntimeException> busy) {
        try {
            if (!running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                throw busy.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        }
    }

    /**
     * Setting a password (an admin's reset, one's own change, a new account, recovery codes) when no hash could start in
     * time: a refusal the page shows as it is, and nothing is changed.
     */
    static UserFacingException busySettingPassword() {
        return new UserFacingException("Many people are signing in at this moment, so the password could not be set: "
                + "nothing was changed. Try again in a moment.");
    }

    /** No password check could start in time: the sign-in page asks to try again in a moment. */
    static final class Busy extends AuthenticationServiceException {
        Busy() {
            super("Too many sign-ins at once: password checks are queued. Try again in a moment.");
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire(BoundedPasswordEncoder::busySettingPassword);
        try {
            return delegate.encode(rawPassword);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire(Busy::new);
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
