package com.demarc.evidence;

import com.demarc.project.ProjectControlId;

import java.time.LocalDate;

/** An evidence item with a validity end, for expiry reminders. */
public record ExpiringEvidence(long item, ProjectControlId control, String title, LocalDate validUntil) {
}
