package com.demarc.raci;

import com.demarc.project.ProjectControl;

/** One row of the matrix: the project control and its RACI. */
public record MatrixRow(ProjectControl control, Raci raci) {
    /** Unowned applies to rows that need a RACI (customer and shared). */
    public boolean unowned() {
        return control.needsRaci() && !raci.owned();
    }
}
