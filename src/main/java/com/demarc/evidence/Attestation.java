package com.demarc.evidence;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;

/** An AWS report (e.g. SOC 2 Type II from AWS Artifact) that evidences AWS-owned controls across projects. */
public record Attestation(long id, String name, String reportType, LocalDate periodFrom, LocalDate periodTo,
                          LocalDate validUntil, @Nullable String url, @Nullable String fileName, @Nullable Long size,
                          @Nullable String sha256, int linkedControls,
                          String createdBy) {
    public boolean valid(LocalDate today) {
        return !validUntil.isBefore(today);
    }
}
