package com.demarc.coverage;

import com.demarc.catalog.Owner;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/**
 * A project control that is not (or soon not) covered, with where to fix it: its due date and Accountable person
 * (null when none is set).
 */
public record Gap(long projectControlId, ProjectId projectId, String project, String team, String code, String title,
                  Owner owner, CoverageState state, boolean expiring, boolean overdue, boolean expired,
                  @Nullable LocalDate dueDate, @Nullable String accountable) {
}
