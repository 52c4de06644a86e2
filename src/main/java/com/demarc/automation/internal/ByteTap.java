package com.demarc.automation.internal;

import org.jspecify.annotations.Nullable;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes the parser has read since the start of the current finding, so that the finding's raw bytes can be
 * copied to the evidence file as they came (no re-serialising). Holds at most {@link #MAX} bytes: past that the oldest
 * go, and {@link #slice} answers null (the caller then writes the parsed finding instead).
 */
final class ByteTap extends FilterInputStream {
    static final int MAX = 8 << 20;

    private byte[] buf = new byte[1 << 16];
    private long base; // absolute offset of buf[0]
    private int len;

    ByteTap(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        int read = super.read(b, off, n);
        if (read > 0) {
            append(b, off, read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    private void append(byte[] b, int off, int n) {
        if (len + n > MAX) {
            release(base + len + n - MAX);
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, Math.min(MAX, buf.length * 2)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Forgets the bytes before absolute offset {@code offset}. */
    void release(long offset) {
        int drop = (int) Math.min(Math.max(offset - base, 0), len);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base += drop;
        }
    }

    /** The bytes from {@code start} to {@code end} (absolute offsets), or null when they are no longer held. */
    byte @Nullable [] slice(long start, long end) {
        if (start < base || end > base + len || end <= start) {
            return null;
        }
        return Arrays.copyOfRange(buf, (int) (start - base), (int) (end - base));
    }
}
