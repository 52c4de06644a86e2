package com.demarc.automation;

import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;

import java.util.List;

/**
 * Published in the import's transaction when imported results turned project controls failing (a mapped check now
 * fails, unsuppressed, where none did) or passing again (none fails any more): one event per import, so listeners can
 * summarise. {@code checks} names the failing checks (failing) or the checks that passed (passing again).
 */
public record ControlChecksChanged(List<Change> changes) {
    public ControlChecksChanged {
        changes = List.copyOf(changes);
    }

    /** One project control that changed: {@code label} is "Project · CODE". */
    public record Change(ProjectControlId control, ProjectId project, String label, boolean failing, List<String> checks) {
        public Change {
            checks = List.copyOf(checks);
        }
    }
}
