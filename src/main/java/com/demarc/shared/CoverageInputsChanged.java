package com.demarc.shared;

import java.util.Set;

/**
 * Published (synchronously, inside the changing transaction) when something that coverage counts changed for these
 * projects: status, RACI, services, catalog version, evidence, attestations. The coverage rollups follow in the
 * same transaction.
 */
public record CoverageInputsChanged(Set<Long> projectIds) {
    public static CoverageInputsChanged of(long projectId) {
        return new CoverageInputsChanged(Set.of(projectId));
    }
}
