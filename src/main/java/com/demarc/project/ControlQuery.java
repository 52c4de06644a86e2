package com.demarc.project;

import com.demarc.catalog.Owner;

/** Which project controls a register or matrix shows; null fields mean "any". */
public record ControlQuery(ProjectId project, Long teamId, String domainCode, Owner owner, Status status,
                           String text) {
}
