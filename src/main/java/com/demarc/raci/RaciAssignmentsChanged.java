package com.demarc.raci;

import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;

import java.util.List;

/**
 * Published (synchronously, inside the changing transaction) when the RACI of project controls changed: one change
 * per control, with the letters before and after, so listeners can tell who was assigned or unassigned.
 */
public record RaciAssignmentsChanged(List<Change> changes) {
    public RaciAssignmentsChanged {
        changes = List.copyOf(changes);
    }

    /** One control's RACI before and after; {@code label} is "project · code". */
    public record Change(ProjectControlId control, ProjectId project, String label, List<RaciEntry> before,
                         List<RaciEntry> after) {
        public Change {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }
    }
}
