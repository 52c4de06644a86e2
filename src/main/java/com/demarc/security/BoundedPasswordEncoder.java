package com.demarc.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.Semaphore;

/**
 * Argon2 with a bound on how many hashes run at once. Each Argon2id hash holds its memory cost (19 MiB) for as long
 * as it runs, so sign-ins at the same moment multiply it: the 50 users of a node that died signing in again on the
 * survivor ran its heap out (issue 17's cluster benchmark), and so would anyone sending many sign-in attempts at once.
 * Here at most {@code concurrency} hashes run; the others wait their turn (fairly), which costs a sign-in a few tens of
 * milliseconds per hash ahead of it, and the memory stays at {@code concurrency} × 19 MiB.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {
    private final PasswordEncoder delegate;
    private final Semaphore running;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("demarc.security.password-hashing-concurrency must be at least 1, not "
                    + concurrency);
        }
        this.delegate = delegate;
        this.running = new Semaphore(concurrency, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        running.acquireUninterruptibly();
        try {
            return delegate.encode(rawPassword);
        } finally {
            running.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        running.acquireUninterruptibly();
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
