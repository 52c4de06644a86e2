package com.demarc.evidence;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An upload received into a temporary file before anything touches the database: size limit and SHA-256 while the
 * bytes arrive (at the client's speed, holding no connection), then stored in one short transaction. Closing it
 * deletes the file, whether the upload was stored, refused, cancelled or interrupted.
 */
final class SpooledUpload implements AutoCloseable {
    private final Path file;
    private final long size;
    private final String sha256;

    private SpooledUpload(Path file, long size, String sha256) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    /** Receives {@code in} into a temp file, refusing it (and deleting what arrived) as soon as it passes maxBytes. */
    static SpooledUpload receive(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile("demarc-upload-", ".part");
        try {
            MessageDigest sha = EvidenceService.sha256();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (var out = Files.newOutputStream(file)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new EvidenceRefused("The file is larger than the limit of " + EvidenceLimits.human(maxBytes)
                                + ": nothing was stored. Split it, compress it, or ask an administrator to raise the limit.");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (total == 0) {
                throw new EvidenceRefused("The file is empty: nothing was stored. Choose the file that holds the evidence.");
            }
            return new SpooledUpload(file, total, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The received bytes, from the start (buffered, so it supports mark/reset for type detection). */
    InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
