package com.demarc.project;

/** A RACI change to record on a project control: the version the caller read, and the before/after summary. */
public record RaciChange(ProjectControlId id, ProjectId project, long expectedVersion, String from, String to) {
}
