package com.demarc.project;

/** Identifies a project. */
public record ProjectId(long value) {
}
