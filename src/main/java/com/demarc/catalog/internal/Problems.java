package com.demarc.catalog.internal;

import com.demarc.shared.UserFacingException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every problem found in an import, each with its line, so the user can fix them all in one go. */
final class Problems {
    private record Problem(int line, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(int line, String message) {
        problems.add(new Problem(line, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> lines() {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line))
                .map(p -> p.line() > 0 ? "Line " + p.line() + ": " + p.message() : p.message()).toList();
    }

    void throwIfAny(String fileKind) {
        if (!problems.isEmpty()) {
            throw new UserFacingException("Nothing was imported: the " + fileKind + " file has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ". Fix them and import again.", lines());
        }
    }
}
