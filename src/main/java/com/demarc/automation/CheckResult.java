package com.demarc.automation;

import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The newest result of one check for one project: status, resources checked and failing (the first 50 failing
 * resource ids), first and last observed, the import (raw evidence) it came from, and an active suppression if any.
 */
public record CheckResult(ProjectId projectId, CheckSource source, String checkId, CheckStatus status,
                          int resourcesChecked, int resourcesFailing, List<String> failingResources,
                          Instant firstObserved, Instant lastObserved, long importId, String sha256,
                          boolean fresh, @Nullable String suppressedBecause, @Nullable LocalDate suppressedUntil) {
    public CheckResult {
        failingResources = List.copyOf(failingResources);
    }

    public boolean suppressed() {
        return suppressedUntil != null;
    }
}
