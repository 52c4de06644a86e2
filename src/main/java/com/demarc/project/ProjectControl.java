package com.demarc.project;

import com.demarc.catalog.ControlId;
import com.demarc.catalog.Owner;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A control as it stands in one project: effective owner (and why), status, due date, notes. Its evidence state comes
 * from the evidence module ({@link EvidenceStates}).
 */
public record ProjectControl(ProjectControlId id, ProjectId projectId, String projectName, long teamId,
                             ControlId controlId, String code, String title, String domainCode, String domainName,
                             Owner owner, String ownerReason, Status status, String justification, LocalDate dueDate,
                             String notes, long version, Instant updatedAt, String updatedBy) {

    /** Customer-owned and shared rows need a RACI; AWS-owned and not-applicable ones do not. */
    public boolean needsRaci() {
        return owner == Owner.CUSTOMER || owner == Owner.SHARED;
    }

    public boolean overdue(LocalDate today) {
        return dueDate != null && dueDate.isBefore(today) && status != Status.IMPLEMENTED
                && status != Status.NOT_APPLICABLE && status != Status.INHERITED;
    }
}
