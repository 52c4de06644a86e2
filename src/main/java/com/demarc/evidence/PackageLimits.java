package com.demarc.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits for verifying an audit package someone uploads, set with {@code demarc.evidence.*}: the largest package
 * (refused while streaming, spooled to a temporary file, never held in memory) and the largest manifest.csv.
 */
@ConfigurationProperties("demarc.evidence")
public record PackageLimits(DataSize maxPackageSize, DataSize maxManifestSize) {
    public PackageLimits {
        maxPackageSize = maxPackageSize == null ? DataSize.ofGigabytes(2) : maxPackageSize;
        maxManifestSize = maxManifestSize == null ? DataSize.ofMegabytes(16) : maxManifestSize;
    }
}
