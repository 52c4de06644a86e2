package com.demarc.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real file contents for upload tests: a valid PDF, a PNG, a Windows executable, archives, endless streams. */
public final class TestFiles {
    private TestFiles() {
    }

    /** A small but valid one-page PDF (the same generator as the demo evidence). */
    public static byte[] pdf(String text) {
        return com.demarc.evidence.internal.MinimalPdf.of(text);
    }

    public static byte[] png() {
        return new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R',
                0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89};
    }

    /** The start of a Windows PE executable ("MZ" header with a PE signature). */
    public static byte[] exe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        return b;
    }

    /** A ZIP with one entry of {@code unpacked} zero bytes: tiny on disk, huge unpacked. */
    public static byte[] zipBomb(long unpacked) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < unpacked; written += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, unpacked - written));
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    public static byte[] zipWithEntries(int entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                zip.putNextEntry(new ZipEntry("f" + i + ".txt"));
                zip.write('x');
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** {@code size} bytes that start like a PDF, generated on the fly (never held in memory). */
    public static InputStream pdfOfSize(long size) {
        byte[] head = "%PDF-1.4\n%generated\n".getBytes(StandardCharsets.ISO_8859_1);
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                if (pos >= size) {
                    return -1;
                }
                int b = pos < head.length ? head[(int) pos] : (int) ((pos * 31) & 0x7f);
                pos++;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    /** A stream that delivers {@code before} bytes of a PDF and then fails, like a dropped connection. */
    public static InputStream interruptedAfter(long before) {
        var delegate = pdfOfSize(Long.MAX_VALUE);
        return new InputStream() {
            long pos;

            @Override
            public int read() throws IOException {
                if (pos++ >= before) {
                    throw new IOException("Connection reset by peer");
                }
                return delegate.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= before) {
                    throw new IOException("Connection reset by peer");
                }
                int n = (int) Math.min(len, before - pos);
                int r = delegate.read(b, off, n);
                pos += r;
                return r;
            }
        };
    }
}
