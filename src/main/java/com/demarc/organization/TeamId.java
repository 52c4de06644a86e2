package com.demarc.organization;

/** Identifies a team. */
public record TeamId(long value) {
}
