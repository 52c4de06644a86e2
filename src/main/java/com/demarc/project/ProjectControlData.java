package com.demarc.project;

import com.demarc.catalog.ControlId;
import com.demarc.catalog.Owner;
import com.demarc.organization.TeamId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a project control holds besides its id and version: where it is (project, team, control), its effective
 * owner and why, status, due date, notes and who changed it last. Its evidence
 * state comes from the evidence module ({@link EvidenceStates}).
 */
public record ProjectControlData(ProjectId projectId, String projectName, TeamId teamId, ControlId controlId,
                                 String code, String title, String domainCode, String domainName, Owner owner,
                                 String ownerReason, Status status, @Nullable String justification,
                                 @Nullable LocalDate dueDate, String notes, Instant updatedAt,
                                 @Nullable String updatedBy) {
}
