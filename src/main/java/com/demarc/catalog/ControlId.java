package com.demarc.catalog;

/** Identifies a control (of a model version, or of the organisation). */
public record ControlId(long value) {
}
