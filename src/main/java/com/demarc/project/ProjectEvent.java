package com.demarc.project;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One recorded change: who, when, what, from and to. */
public record ProjectEvent(Instant at, String actor, String field, @Nullable String from,
                           @Nullable String to) {
}
