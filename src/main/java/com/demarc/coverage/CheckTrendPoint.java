package com.demarc.coverage;

import java.time.LocalDate;

/**
 * The AWS checks as they stood at the end of one import day: of the newest result per (project, check) imported by
 * then, how many passed and failed ({@code checks} also counts warnings and results AWS could not evaluate).
 */
public record CheckTrendPoint(LocalDate day, int passed, int failed, int checks) {
    /** Passing share of the evaluated (passed or failed) checks, as a whole percentage; 0 when none was evaluated. */
    public int percent() {
        int evaluated = passed + failed;
        return evaluated == 0 ? 0 : (int) Math.round(100.0 * passed / evaluated);
    }
}
