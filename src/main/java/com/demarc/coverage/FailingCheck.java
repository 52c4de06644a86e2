package com.demarc.coverage;

import com.demarc.automation.CheckSource;
import com.demarc.project.ProjectId;

import java.time.Instant;
import java.util.List;

/** A row of the dashboard's failing-checks gap list: a failing, unsuppressed check of a project, and its controls. */
public record FailingCheck(ProjectId projectId, String projectName, String teamName, CheckSource source, String checkId,
                           List<String> controlCodes, int resourcesFailing, List<String> failingResources,
                           Instant lastObserved) {
    public FailingCheck {
        controlCodes = List.copyOf(controlCodes);
        failingResources = List.copyOf(failingResources);
    }
}
