package com.demarc.automation;

import com.demarc.project.ProjectId;

import java.util.Set;

/**
 * Published synchronously, inside the changing transaction, when check results, suppressions or the check mapping of
 * these projects changed: coverage refreshes its rollups in the same transaction.
 */
public record CheckResultsChanged(Set<ProjectId> projects) {
    public CheckResultsChanged {
        projects = Set.copyOf(projects);
    }
}
