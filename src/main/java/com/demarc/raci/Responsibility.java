package com.demarc.raci;

import com.demarc.project.EvidenceState;
import com.demarc.project.ProjectControl;

import java.util.Set;

/** A project control the signed-in user holds letters on, directly or through a team. */
public record Responsibility(ProjectControl control, Set<RaciRole> roles, boolean overdue, EvidenceState evidence) {
}
