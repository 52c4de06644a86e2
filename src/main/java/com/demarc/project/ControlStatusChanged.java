package com.demarc.project;

import java.time.LocalDate;

/**
 * Published (synchronously, inside the changing transaction) when a project control's status or due date changed;
 * {@code label} is "project · code".
 */
public record ControlStatusChanged(ProjectControlId control, ProjectId project, String label, Status from, Status to,
                                   LocalDate dueFrom, LocalDate dueTo) {
    public boolean statusChanged() {
        return from != to;
    }

    public boolean dueDateChanged() {
        return !java.util.Objects.equals(dueFrom, dueTo);
    }
}
