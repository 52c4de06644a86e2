package com.demarc.organization;

import com.nulabinc.zxcvbn.Zxcvbn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Password rules after OWASP ASVS 5.0 / NIST 800-63B: 12 to 128 characters and hard enough to guess by the zxcvbn
 * strength estimate (its dictionaries of common passwords, names and words, keyboard patterns, dates, l33t), with
 * the user's own username, name and e-mail as known words; no composition rules, no forced rotation.
 */
@Component
public class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Zxcvbn zxcvbn = new Zxcvbn();
    private final int minScore;

    /** With the default strength: zxcvbn score 3 of 4 ("safely unguessable", about 10^10 guesses). */
    public PasswordPolicy() {
        this(3);
    }

    @Autowired
    public PasswordPolicy(@Value("${demarc.security.password.min-score:3}") int minScore) {
        if (minScore < 0 || minScore > 4) {
            throw new IllegalArgumentException("demarc.security.password.min-score is a zxcvbn score: 0 to 4.");
        }
        this.minScore = minScore;
    }

    /** Every rule the password breaks, as sentences for the user; empty when it is acceptable. */
    public List<String> problems(String password, String username) {
        return problems(password, username, null, null);
    }

    /** As {@link #problems(String, String)}, with the person's name and e-mail as words a guesser would try. */
    public List<String> problems(String password, String username, String displayName, String email) {
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
        if (username != null && !username.isBlank() && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            return List.of("The password must not contain the username: choose another.");
        }
        var strength = zxcvbn.measure(password, userInputs(username, displayName, email));
        if (strength.getScore() >= minScore) {
            return List.of();
        }
        var feedback = strength.getFeedback();
        var advice = new ArrayList<String>();
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            advice.add(warning.strip());
        }
        advice.addAll(feedback.getSuggestions(Locale.ENGLISH));
        if (advice.isEmpty()) {
            advice.add("Add another word or two. Uncommon words are better.");
        }
        return List.of("This password is too easy to guess (it is close to commonly used passwords, words, names or "
                + "patterns): " + String.join(" ", advice));
    }

    private static List<String> userInputs(String username, String displayName, String email) {
        var inputs = new ArrayList<String>(List.of("demarc"));
        for (String s : new String[]{username, email}) {
            if (s != null && !s.isBlank()) {
                inputs.add(s.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (email != null && email.contains("@")) {
            inputs.add(email.strip().toLowerCase(Locale.ROOT).substring(0, email.strip().indexOf('@')));
        }
        if (displayName != null) {
            Arrays.stream(displayName.toLowerCase(Locale.ROOT).split("[\\s.,'-]+"))
                    .filter(w -> w.length() >= 3).forEach(inputs::add);
        }
        return inputs.stream().filter(Objects::nonNull).distinct().toList();
    }
}
