package com.demarc.project;

import java.util.regex.Pattern;

/** An AWS account id: exactly 12 digits. */
public record AwsAccountId(String value) {
    private static final Pattern DIGITS = Pattern.compile("\\d{12}");

    public AwsAccountId {
        if (!isValid(value)) {
            throw new IllegalArgumentException(problem(value));
        }
    }

    /** An account id as a person types it: surrounding blanks and dashes ({@code 1234-5678-9012}) are ignored. */
    public static AwsAccountId parse(String typed) {
        String digits = typed.strip().replace("-", "");
        if (!isValid(digits)) {
            throw new IllegalArgumentException(problem(typed.strip()));
        }
        return new AwsAccountId(digits);
    }

    public static boolean isValid(String value) {
        return value != null && DIGITS.matcher(value).matches();
    }

    private static String problem(String typed) {
        return "AWS account id '" + typed + "' is not valid: an account id has exactly 12 digits.";
    }

    @Override
    public String toString() {
        return value;
    }
}
