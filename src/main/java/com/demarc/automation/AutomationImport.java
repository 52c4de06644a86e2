package com.demarc.automation;

import com.demarc.project.ProjectId;

import java.time.Instant;

/** One stored import for one project: the raw results file (its SHA-256 and size), who imported it and when. */
public record AutomationImport(long id, ProjectId projectId, ResultFormat format, String fileName, String sha256, long size,
                               int findings, Instant importedAt, String importedBy) {
}
