package com.demarc.coverage;

import java.time.LocalDate;

/** Coverage on one day, per owner column. */
public record TrendPoint(LocalDate day, String owner, int applicable, int covered) {
}
