package com.demarc.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where evidence content lives. The default keeps it in PostgreSQL in chunks (ADR 0006); an S3-compatible store can
 * implement the same interface. Implementations stream both ways and compute the SHA-256 while writing; they must
 * join the caller's transaction, so content and its metadata row are stored (or rolled back) together.
 */
public interface EvidenceStore {

    /** Stores the stream, refusing it (with {@link EvidenceRefused}) as soon as it passes {@code maxBytes}. */
    StoredContent store(InputStream in, long maxBytes) throws IOException;

    /** Streams the content back; the caller closes the stream. */
    InputStream open(long contentId);

    void delete(long contentId);

    /** What was stored: its id, size and SHA-256 (hex). */
    record StoredContent(long id, long size, String sha256) {
    }
}
