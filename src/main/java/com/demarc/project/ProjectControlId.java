package com.demarc.project;

/** Identifies one control as it stands in one project. */
public record ProjectControlId(long value) {
}
