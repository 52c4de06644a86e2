package com.demarc.automation.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * One import's writer thread: the raw findings' chunks are compressed and written there, in the order handed over,
 * while the importing thread goes on parsing (the two use two cores). At most {@link #IN_FLIGHT} chunks wait, so memory
 * stays bounded whatever the file size; the first write that fails is raised to the importing thread at its next call.
 */
public final class RawWriter implements AutoCloseable {
    static final int IN_FLIGHT = 16;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "demarc-import-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore waiting = new Semaphore(IN_FLIGHT);
    private volatile IOException failure;

    /** Writes {@code length} bytes of {@code chunk} to {@code out} on the writer thread; the chunk is the writer's now. */
    void write(OutputStream out, byte[] chunk, int length) {
        raiseFailure();
        waiting.acquireUninterruptibly();
        thread.execute(() -> {
            try {
                if (failure == null) {
                    out.write(chunk, 0, length);
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                waiting.release();
            }
        });
    }

    /** Closes {@code out} on the writer thread, after everything handed over before. */
    void close(OutputStream out) {
        thread.execute(() -> {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        });
    }

    /** Waits until everything handed over is written; raises the first failure. */
    void await() {
        try {
            thread.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the import's raw results were written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        raiseFailure();
    }

    private void raiseFailure() {
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
