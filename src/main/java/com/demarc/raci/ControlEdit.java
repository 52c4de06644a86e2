package com.demarc.raci;

import com.demarc.project.ProjectControl;
import com.demarc.project.Status;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything a user sets on one project control in one save: status (with its justification), due date, notes and
 * the RACI. Saved by {@link RaciService#saveControl} all or nothing.
 */
public record ControlEdit(Status status, String justification, LocalDate dueDate, String notes, List<RaciEntry> raci) {
    public ControlEdit {
        justification = justification == null ? "" : justification;
        notes = notes == null ? "" : notes;
        raci = raci == null ? List.of() : List.copyOf(raci);
    }

    /** The control as it stands now, with its RACI, as an edit that changes nothing. */
    public static ControlEdit of(ProjectControl control, Raci raci) {
        return new ControlEdit(control.status(), control.justification(), control.dueDate(), control.notes(),
                raci.entries());
    }

    /** Whether saving this edit changes the status, justification, due date or notes of the control. */
    boolean changesStatusOf(ProjectControl control) {
        return status != control.status() || !Objects.equals(dueDate, control.dueDate())
                || !notes.strip().equals(control.notes() == null ? "" : control.notes())
                || (status == Status.NOT_APPLICABLE
                && !justification.strip().equals(control.justification() == null ? "" : control.justification()));
    }
}
