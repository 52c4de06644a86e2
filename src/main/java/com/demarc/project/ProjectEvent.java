package com.demarc.project;

import java.time.Instant;

/** One recorded change: who, when, what, from and to. */
public record ProjectEvent(Instant at, String actor, String field, String from, String to) {
}
