package com.demarc.raci;

import com.demarc.project.EvidenceState;
import com.demarc.project.ProjectControl;

/** One row of the matrix: the project control, its RACI and its evidence state. */
public record MatrixRow(ProjectControl control, Raci raci, EvidenceState evidence) {
    /** Unowned applies to rows that need a RACI (customer and shared). */
    public boolean unowned() {
        return control.needsRaci() && !raci.owned();
    }
}
