package com.demarc.evidence.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where evidence content is kept (ADR 0018): {@code demarc.evidence.store} = postgres (default), filesystem or s3,
 * with {@code demarc.evidence.filesystem.*} and {@code demarc.evidence.s3.*}; the sweeper's grace period for pending
 * objects left by a crash.
 */
@ConfigurationProperties("demarc.evidence")
public record StoreSettings(String store, Filesystem filesystem, S3 s3, Duration pendingGrace) {
    public static final String POSTGRES = "postgres";
    public static final String FILESYSTEM = "filesystem";
    public static final String S3 = "s3";

    public StoreSettings {
        store = store == null || store.isBlank() ? POSTGRES : store.strip().toLowerCase(Locale.ROOT);
        if (!store.equals(POSTGRES) && !store.equals(FILESYSTEM) && !store.equals(S3)) {
            throw new IllegalArgumentException("demarc.evidence.store=" + store
                    + " is not a store: use postgres (default), filesystem or s3.");
        }
        filesystem = filesystem == null ? new Filesystem(null) : filesystem;
        s3 = s3 == null ? new S3(null, null, null, false, null, null, null, null) : s3;
        pendingGrace = pendingGrace == null ? Duration.ofHours(1) : pendingGrace;
    }

    /** {@code demarc.evidence.filesystem.directory}: the directory that holds the content (single-node installs). */
    public record Filesystem(Path directory) {
    }

    /**
     * {@code demarc.evidence.s3.*}: bucket, region and endpoint (S3-compatible stores, with path-style access), the
     * server-side encryption (AES256 or aws:kms with kms-key-id), the multipart part size (at least 5 MB), and
     * whether each request carries its SHA-256 as {@code x-amz-checksum-sha256} (default true; false only for
     * S3-compatible stores that refuse those headers, e.g. S3Proxy 2.6: the hash is then kept as metadata only).
     */
    public record S3(String bucket, String region, URI endpoint, boolean pathStyleAccess, String serverSideEncryption,
                     String kmsKeyId, DataSize partSize, Boolean checksums) {
        public S3 {
            checksums = checksums == null || checksums;
            partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
            if (partSize.toBytes() < 5L * 1024 * 1024) {
                throw new IllegalArgumentException("demarc.evidence.s3.part-size=" + partSize
                        + " is below S3's minimum part size: use 5MB or more.");
            }
        }

        public boolean configured() {
            return bucket != null && !bucket.isBlank();
        }
    }
}
