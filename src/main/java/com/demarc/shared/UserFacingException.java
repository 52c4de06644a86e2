package com.demarc.shared;

import java.util.List;

/** A refusal whose message is written for the user: it says what is wrong and what to do. */
public class UserFacingException extends RuntimeException {
    private final List<String> problems;

    public UserFacingException(String message) {
        this(message, List.of());
    }

    public UserFacingException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Further details, e.g. one line per invalid field or per bad line of an import. */
    public List<String> problems() {
        return problems;
    }
}
