package com.demarc.automation;

import com.demarc.project.ProjectId;

import java.time.Instant;
import java.time.LocalDate;

/** A manager's justified, time-boxed decision to ignore one check for one project. */
public record Suppression(long id, ProjectId projectId, CheckSource source, String checkId, String justification,
                          LocalDate until, Instant createdAt, String createdBy) {
}
