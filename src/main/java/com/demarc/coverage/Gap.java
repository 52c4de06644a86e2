package com.demarc.coverage;

/** A project control that is not (or soon not) covered, with where to fix it. */
public record Gap(long projectControlId, String project, String team, String code, String title, String owner,
                  CoverageState state, boolean expiring, boolean overdue, boolean expired) {
}
