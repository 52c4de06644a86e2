package com.demarc.project;

import com.demarc.catalog.Owner;

import java.time.LocalDate;

/** A control as it stands in one project: its id, its version (optimistic locking) and its data. */
public record ProjectControl(ProjectControlId id, long version, ProjectControlData data) {

    /** Customer-owned and shared rows need a RACI; AWS-owned and not-applicable ones do not. */
    public boolean needsRaci() {
        return data.owner() == Owner.CUSTOMER || data.owner() == Owner.SHARED;
    }

    public boolean overdue(LocalDate today) {
        var due = data.dueDate();
        var status = data.status();
        return due != null && due.isBefore(today) && status != Status.IMPLEMENTED
                && status != Status.NOT_APPLICABLE && status != Status.INHERITED;
    }
}
