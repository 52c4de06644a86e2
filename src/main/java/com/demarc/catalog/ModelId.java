package com.demarc.catalog;

/** Identifies one version of a responsibility model. */
public record ModelId(long value) {
}
