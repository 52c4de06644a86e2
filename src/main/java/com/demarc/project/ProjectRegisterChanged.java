package com.demarc.project;

import java.util.Set;

/**
 * Published (synchronously, inside the changing transaction) when the register of these projects changed in a way
 * that moves coverage: status, RACI, services, catalog version. Coverage refreshes its rollups in the same transaction.
 */
public record ProjectRegisterChanged(Set<ProjectId> projects) {
    public ProjectRegisterChanged {
        projects = Set.copyOf(projects);
    }

    public static ProjectRegisterChanged of(ProjectId project) {
        return new ProjectRegisterChanged(Set.of(project));
    }
}
