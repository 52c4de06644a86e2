package com.demarc.shared.ui;

import com.vaadin.flow.component.html.Anchor;
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

    /**
     * A link to a file the server streams under {@code files/…} (evidence, attestations, audit packages). The router
     * must not take it (it would look for a view called "files/…" and say it found none, issue 19): the browser
     * fetches it, and the server's {@code Content-Disposition: attachment} keeps the page where it is.
     */
    public static Anchor fileLink(String href, String text) {
        var link = new Anchor(href, text);
        link.setRouterIgnore(true);
        link.getElement().setAttribute("download", true);
        return link;
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
