package com.demarc.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * A store of evidence objects outside PostgreSQL (a directory, an S3 bucket), addressed by key. Content is written
 * under a pending key first and moved to its final key once its row has committed (ADR 0018).
 */
public interface ObjectStore {
    String PENDING_PREFIX = "pending/";
    String OBJECT_PREFIX = "objects/";

    /** The store's name as in {@code demarc.evidence.store} and in {@code evidence_content.store}. */
    String name();

    /**
     * Streams {@code in} to {@code key}, computing the SHA-256 on the way and refusing (with EvidenceRefused, nothing
     * left behind) as soon as more than maxBytes arrived. The object is durable when this returns.
     */
    Written write(String key, InputStream in, long maxBytes) throws IOException;

    /** Moves an object (pending → final); {@code sha256} is the content's hash, kept with the object where possible. */
    void move(String from, String to, String sha256) throws IOException;

    /** Opens an object; {@link java.nio.file.NoSuchFileException} when there is none. */
    InputStream open(String key) throws IOException;

    /** Deletes an object; no error when it is already gone. */
    void delete(String key) throws IOException;

    /** Keys under {@link #PENDING_PREFIX} last written before {@code cutoff}. */
    List<String> pendingBefore(Instant cutoff) throws IOException;

    /** What a write stored. */
    record Written(long size, String sha256) {
    }
}
