package com.demarc.coverage;

import com.demarc.catalog.Owner;

/** A project control that is not (or soon not) covered, with where to fix it. */
public record Gap(long projectControlId, String project, String team, String code, String title, Owner owner,
                  CoverageState state, boolean expiring, boolean overdue, boolean expired) {
}
