package com.demarc.evidence;

import java.time.Instant;

/** One upload of an evidence item (a link item has one version without a file). */
public record EvidenceVersion(long id, long itemId, int number, String fileName, String contentType, Long size,
                              String sha256, String uploadedBy, Instant uploadedAt, ReviewState reviewState,
                              String reviewedBy, Instant reviewedAt, String reviewComment, long version) {
    public boolean isFile() {
        return sha256 != null;
    }
}
