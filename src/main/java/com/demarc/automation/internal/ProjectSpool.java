package com.demarc.automation.internal;

import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One project's part of an import while the file streams by: its raw findings gzip-compressed into a temporary file
 * (the evidence stored later; each finding's bytes copied as they stood in the file; the compressing happens on the
 * import's {@link RawWriter} thread, beside the parsing), the idempotency keys of its check findings into another
 * (PostgreSQL {@code COPY} text: the project's id and a {@link #key} per line), and per check the resources seen with their newest status.
 * Only the per-check aggregates and a few chunks of raw bytes stay in memory.
 */
public final class ProjectSpool implements AutoCloseable {
    public static final int MAX_FAILING_LISTED = 50;
    private static final int CHUNK = 1 << 18; // 256 KiB: below G1's humongous size, however small the heap

    private final ProjectId project;
    private final String projectColumn;
    private final RawWriter writer;
    private final Path raw;
    private final Path keys;
    private final OutputStream rawOut;
    private final BufferedWriter keysOut;
    private final MessageDigest sha256 = sha256();
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private byte[] chunk = new byte[CHUNK];
    private int used;
    private int findings;
    private int checkFindings;
    private boolean closed;

    public ProjectSpool(ProjectId project, ResultFormat format, RawWriter writer) {
        this.project = project;
        this.projectColumn = project.value() + "\t";
        this.writer = writer;
        try {
            raw = Files.createTempFile("demarc-results-", ".json.gz");
            keys = Files.createTempFile("demarc-keys-", ".tsv");
            rawOut = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            keysOut = new BufferedWriter(Files.newBufferedWriter(keys, StandardCharsets.US_ASCII), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] head = ("{\"" + (format == ResultFormat.CONFIG_EVALUATIONS ? "EvaluationResults" : "Findings") + "\":[\n")
                .getBytes(StandardCharsets.UTF_8);
        put(head, 0, head.length);
    }

    public ProjectId project() {
        return project;
    }

    /** Every finding of the project's accounts goes into the raw evidence, whatever its state: its bytes from the file. */
    public void raw(byte[] bytes, int offset, int length) {
        if (findings > 0) {
            put(SEPARATOR, 0, SEPARATOR.length);
        }
        put(bytes, offset, length);
        findings++;
    }

    private static final byte[] SEPARATOR = {',', '\n'};

    private void put(byte[] bytes, int offset, int length) {
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, CHUNK - used);
            System.arraycopy(bytes, at, chunk, used, n);
            used += n;
            at += n;
            left -= n;
            if (used == CHUNK) {
                handOver();
            }
        }
    }

    private void handOver() {
        if (used > 0) {
            writer.write(rawOut, chunk, used);
            chunk = new byte[CHUNK];
            used = 0;
        }
    }

    /** An active check finding: its key for idempotency, and its resource's status for the check's result. */
    public void check(ResultParser.Finding f) {
        checkFindings++;
        try {
            keysOut.write(projectColumn);
            keysOut.write(key(sha256, f.id(), f.updatedAt()).toString());
            keysOut.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checks.computeIfAbsent(f.source() + ":" + f.checkId(), k -> new Check(f.source(), f.checkId())).add(f);
    }

    /**
     * A finding's idempotency key: the first 16 bytes of the SHA-256 of its id, a line feed and its update time in epoch
     * milliseconds (the same as migration V0160 computes for the findings imported before).
     */
    static UUID key(MessageDigest sha256, String findingId, Instant updatedAt) {
        sha256.reset();
        sha256.update((findingId + "\n" + updatedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        var digest = ByteBuffer.wrap(sha256.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int findings() {
        return findings;
    }

    public int checkFindings() {
        return checkFindings;
    }

    /** The raw findings as one gzip-compressed JSON document, once everything handed over is written. */
    public Path rawFile() {
        complete();
        return raw;
    }

    public List<Check> checks() {
        return new ArrayList<>(checks.values());
    }

    /** The keys of the check findings, as {@code COPY … from stdin} text (project id, tab, key; one per line). */
    public Path keysFile() {
        complete();
        return keys;
    }

    /** Ends the files: everything handed over is written (waits for the writer), the keys file closed. */
    public void complete() {
        if (!closed) {
            closed = true;
            byte[] tail = "\n]}\n".getBytes(StandardCharsets.UTF_8);
            put(tail, 0, tail.length);
            handOver();
            writer.close(rawOut);
            try {
                keysOut.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writer.await();
        }
    }

    @Override
    public void close() {
        try {
            complete();
        } catch (RuntimeException ignored) {
            // a failed import: the files are deleted below either way
        }
        try {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(keys);
        } catch (IOException ignored) {
            // temporary files: the OS cleans up what is left
        }
    }

    /** One check's resources in this import: the newest status of each resource decides. */
    public static final class Check {
        private final CheckSource source;
        private final String checkId;
        private final Map<String, Object[]> resources = new HashMap<>();
        private Instant first;
        private Instant last;
        private int findings;

        Check(CheckSource source, String checkId) {
            this.source = source;
            this.checkId = checkId;
        }

        void add(ResultParser.Finding f) {
            findings++;
            var prev = resources.get(f.resourceId());
            if (prev == null || !((Instant) prev[1]).isAfter(f.updatedAt())) {
                resources.put(f.resourceId(), new Object[]{f.status(), f.updatedAt()});
            }
            first = first == null || f.firstObserved().isBefore(first) ? f.firstObserved() : first;
            last = last == null || f.lastObserved().isAfter(last) ? f.lastObserved() : last;
        }

        public CheckSource source() {
            return source;
        }

        public String checkId() {
            return checkId;
        }

        public int findings() {
            return findings;
        }

        public int resourcesChecked() {
            return resources.size();
        }

        public List<String> failingResources() {
            return resources.entrySet().stream().filter(e -> e.getValue()[0] == CheckStatus.FAILED).map(Map.Entry::getKey)
                    .sorted().toList();
        }

        public CheckStatus status() {
            boolean warning = false;
            boolean unavailable = false;
            for (Object[] r : resources.values()) {
                switch ((CheckStatus) r[0]) {
                    case FAILED -> {
                        return CheckStatus.FAILED;
                    }
                    case WARNING -> warning = true;
                    case NOT_AVAILABLE -> unavailable = true;
                    case PASSED -> { }
                }
            }
            return warning ? CheckStatus.WARNING : unavailable ? CheckStatus.NOT_AVAILABLE : CheckStatus.PASSED;
        }

        public Instant first() {
            return first;
        }

        public Instant last() {
            return last;
        }
    }
}
