package com.demarc.evidence;

import com.demarc.project.ProjectId;

import java.util.Set;

/**
 * Published (synchronously, inside the changing transaction) when evidence or attestation links of these projects
 * changed: an upload, a link, a review, a new validity, a deletion. Coverage refreshes its rollups in the same
 * transaction.
 */
public record ProjectEvidenceChanged(Set<ProjectId> projects) {
    public ProjectEvidenceChanged {
        projects = Set.copyOf(projects);
    }

    public static ProjectEvidenceChanged of(ProjectId project) {
        return new ProjectEvidenceChanged(Set.of(project));
    }
}
