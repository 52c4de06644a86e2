package com.demarc.evidence;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One upload of an evidence item (a link item has one version without a file). */
public record EvidenceVersion(long id, long itemId, int number, @Nullable String fileName, @Nullable String contentType,
                              @Nullable Long size, @Nullable String sha256, String uploadedBy, Instant uploadedAt,
                              ReviewState reviewState, @Nullable String reviewedBy, @Nullable Instant reviewedAt,
                              @Nullable String reviewComment, long version) {
    public boolean isFile() {
        return sha256 != null;
    }
}
