package com.demarc.evidence;

import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, inside the changing transaction) when a reviewer accepted or rejected a submitted
 * version; {@code uploadedBy} is the uploader's username, {@code comment} the reviewer's words (required to reject).
 */
public record EvidenceReviewed(ProjectControlId control, ProjectId project, String label, String what,
                               boolean accepted, @Nullable String comment, String uploadedBy) {
}
