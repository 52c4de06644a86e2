package com.demarc.evidence;

import com.demarc.project.ProjectControlId;
import com.demarc.project.ProjectId;

/**
 * Published (synchronously, inside the changing transaction) when a file or link was submitted for review;
 * {@code label} is "project · code", {@code what} the file name or link title.
 */
public record EvidenceSubmitted(ProjectControlId control, ProjectId project, String label, String what) {
}
