package com.demarc.evidence;

import java.io.IOException;
import java.io.InputStream;

/** A file ready to stream to a browser: its name, stored type, size and SHA-256, and its content. */
public record Download(String fileName, String contentType, long size, String sha256, ContentSource content) {
    /** Opens the content; the caller closes it. */
    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }
}
