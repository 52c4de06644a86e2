package com.demarc.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Upload limits (OWASP ASVS V5), set with {@code demarc.evidence.*}: the largest file, and for ZIP-based files
 * (ZIP, XLSX, DOCX) the most entries and unpacked bytes, and the highest compression ratio, before it counts as a
 * zip bomb.
 */
@ConfigurationProperties("demarc.evidence")
public record EvidenceLimits(DataSize maxFileSize, int maxZipEntries, DataSize maxZipUnpacked, int maxZipRatio) {
    public EvidenceLimits {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(100) : maxFileSize;
        maxZipEntries = maxZipEntries <= 0 ? 10_000 : maxZipEntries;
        maxZipUnpacked = maxZipUnpacked == null ? DataSize.ofGigabytes(1) : maxZipUnpacked;
        maxZipRatio = maxZipRatio <= 0 ? 100 : maxZipRatio;
    }

    /** A size as people read it in a refusal: "100 MB", "512 KB", "12 bytes". */
    public static String human(long bytes) {
        if (bytes >= 1024L * 1024) {
            return (bytes / (1024 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }
}
