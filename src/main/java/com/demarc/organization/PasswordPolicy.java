package com.demarc.organization;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Password rules after OWASP ASVS 5.0 / NIST 800-63B: 12 to 128 characters, not a known common password,
 * not the username, no composition rules and no forced rotation.
 */
@Component
public class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    public PasswordPolicy() {
        var words = new HashSet<String>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/security/common-passwords.txt")),
                StandardCharsets.UTF_8))) {
            in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.common = Set.copyOf(words);
    }

    /** Every rule the password breaks, as sentences for the user; empty when it is acceptable. */
    public List<String> problems(String password, String username) {
        if (password == null || password.isEmpty()) {
            return List.of("Enter a password of at least " + MIN_LENGTH + " characters.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return List.of("The password is too short: use at least " + MIN_LENGTH + " characters (a few words work well).");
        }
        if (length > MAX_LENGTH) {
            return List.of("The password is too long: use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return List.of("This password is on the list of commonly used passwords: choose another.");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return List.of("The password must not contain the username.");
        }
        return List.of();
    }
}
