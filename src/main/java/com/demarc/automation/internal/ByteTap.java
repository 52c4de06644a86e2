package com.demarc.automation.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes the parser has read since the start of the current finding, so that the finding's raw bytes can be
 * copied to the evidence file as they came (no re-serialising). Holds at most {@link #MAX} bytes: past that the oldest
 * go, and {@link #holds} answers false.
 */
final class ByteTap extends FilterInputStream {
    static final int MAX = 8 << 20;

    private byte[] buf = new byte[1 << 16];
    private long base; // absolute offset of buf[0]
    private int len;
    private long kept; // absolute offset of the oldest byte still wanted (>= base)

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
        if (len + n > buf.length) {
            compact();
        }
        if (len + n > MAX) {
            forget(base + len + n - MAX);
            compact();
        }
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, Math.min(MAX, buf.length * 2)));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Forgets the bytes before absolute offset {@code offset} (they are moved out only when the buffer fills). */
    void release(long offset) {
        forget(offset);
    }

    private void forget(long offset) {
        kept = Math.max(kept, Math.min(offset, base + len));
    }

    private void compact() {
        int drop = (int) (kept - base);
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base += drop;
        }
    }

    /** Whether the bytes from {@code start} to {@code end} (absolute offsets) are still held. */
    boolean holds(long start, long end) {
        return start >= Math.max(base, kept) && end <= base + len && end > start;
    }

    /** The buffer holding the bytes; valid until the next read. */
    byte[] buffer() {
        return buf;
    }

    /** Where absolute offset {@code offset} is in {@link #buffer()}. */
    int indexOf(long offset) {
        return (int) (offset - base);
    }
}
