package com.demarc.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.CountDownLatch;

/** A password check that holds its slot until released (a sign-in storm in one test): {@code {held}raw} matches raw. */
final class HeldPasswordEncoder implements PasswordEncoder {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String encode(CharSequence raw) {
        return "{held}" + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return encoded.equals(encode(raw));
    }
}
