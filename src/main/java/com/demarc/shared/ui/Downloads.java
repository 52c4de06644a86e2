package com.demarc.shared.ui;

import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Downloads of a file Demarc builds in memory when the user clicks (exports, receipts). */
public final class Downloads {
    /** Builds the file's bytes. */
    @FunctionalInterface
    public interface Bytes {
        byte[] build() throws IOException;
    }

    /** Writes the file as UTF-8 text. */
    @FunctionalInterface
    public interface Text {
        void write(Writer out) throws IOException;
    }

    private Downloads() {
    }

    public static DownloadHandler of(String fileName, String contentType, Bytes bytes) {
        return DownloadHandler.fromInputStream(event -> {
            byte[] built = bytes.build();
            return new DownloadResponse(new ByteArrayInputStream(built), fileName, contentType, built.length);
        });
    }

    public static DownloadHandler text(String fileName, String contentType, Text text) {
        return of(fileName, contentType, () -> {
            var out = new ByteArrayOutputStream();
            try (var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                text.write(writer);
            }
            return out.toByteArray();
        });
    }
}
