package com.demarc.raci;

import com.demarc.project.ProjectControl;
import com.demarc.project.Status;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything a user sets on one project control in one save: status (with its justification), due date, notes and
 * the RACI. Saved by {@link RaciService#saveControl} all or nothing.
 */
public record ControlEdit(Status status, String justification, @Nullable LocalDate dueDate, String notes, List<RaciEntry> raci) {
    public ControlEdit(Status status, @Nullable String justification, @Nullable LocalDate dueDate, @Nullable String notes,
                       @Nullable List<RaciEntry> raci) {
        this.status = status;
        this.justification = justification == null ? "" : justification;
        this.dueDate = dueDate;
        this.notes = notes == null ? "" : notes;
        this.raci = raci == null ? List.of() : List.copyOf(raci);
    }

    /** The control as it stands now, with its RACI, as an edit that changes nothing. */
    public static ControlEdit of(ProjectControl control, Raci raci) {
        return new ControlEdit(control.data().status(), control.data().justification(), control.data().dueDate(), control.data().notes(),
                raci.entries());
    }

    /** Whether saving this edit changes the status, justification, due date or notes of the control. */
    boolean changesStatusOf(ProjectControl control) {
        return status != control.data().status() || !Objects.equals(dueDate, control.data().dueDate())
                || !notes.strip().equals(control.data().notes() == null ? "" : control.data().notes())
                || (status == Status.NOT_APPLICABLE
                && !justification.strip().equals(control.data().justification() == null ? "" : control.data().justification()));
    }
}
