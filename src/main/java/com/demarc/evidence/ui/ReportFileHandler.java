package com.demarc.evidence.ui;

import com.demarc.shared.UserFacingException;
import com.vaadin.flow.server.streams.UploadEvent;
import com.demarc.shared.ui.RefusingUploadHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Receives an attestation's report file into a temp file for the dialog to save: refused from its declared length,
 * and cut off while streaming, at the evidence size limit; the temp file is deleted on refusal, cancel, a broken
 * connection, a second file replacing it, and when the dialog closes ({@link #discard()}).
 */
class ReportFileHandler extends RefusingUploadHandler {
    private final long maxBytes;
    private Path file;
    private String fileName;

    ReportFileHandler(long maxBytes) {
        super("The upload was interrupted: nothing was kept. Upload the file again.");
        this.maxBytes = maxBytes;
    }

    @Override
    protected void receive(UploadEvent event) throws IOException {
        try (var in = event.getInputStream()) {
            receive(event.getFileName(), event.getFileSize(), in);
        }
    }

    /** Receives one file; throws {@link UserFacingException} (and keeps nothing) when it is over the limit. */
    void receive(String name, long declaredLength, InputStream in) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        Path received = Files.createTempFile("demarc-upload-", ".part");
        try {
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (var out = Files.newOutputStream(received)) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge();
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(received);
            throw e;
        }
        synchronized (this) {
            discard();
            file = received;
            fileName = name;
        }
    }

    private UserFacingException tooLarge() {
        return new UserFacingException("The report file is larger than the limit of " + (maxBytes / (1024 * 1024))
                + " MB: nothing was kept. Compress it, or ask an administrator to raise the limit.");
    }

    /** No Vaadin limit: this handler refuses the declared length itself, with Demarc's message, and cuts off while streaming. */
    @Override
    public long getFileSizeMax() {
        return -1;
    }

    synchronized boolean hasFile() {
        return file != null;
    }

    synchronized String fileName() {
        return fileName;
    }

    synchronized InputStream open() throws IOException {
        return file == null ? null : Files.newInputStream(file);
    }

    /** Deletes the received file, if any. */
    synchronized void discard() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
            file = null;
            fileName = null;
        }
    }
}
