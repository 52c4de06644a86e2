package com.demarc.automation.internal;

import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;

import java.io.BufferedOutputStream;
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
 * import's {@link RawWriter} thread, beside the parsing), the idempotency keys of its check findings in memory
 * ({@link FindingKeys}: 20 bytes per finding), and per check the resources seen with their newest status. Only those,
 * the per-check aggregates and a few chunks of raw bytes stay in memory.
 */
public final class ProjectSpool implements AutoCloseable {
    public static final int MAX_FAILING_LISTED = 50;
    private static final int CHUNK = 1 << 18; // 256 KiB: below G1's humongous size, however small the heap

    private static final long DAY_MS = 86_400_000L;

    private final ProjectId project;
    private final RawWriter writer;
    private final Path raw;
    private final FindingKeys keys = new FindingKeys();
    private final byte[] scratch = new byte[1024]; // a finding id's or update time's bytes for the digest
    private final OutputStream rawOut;
    private final MessageDigest sha256 = sha256();
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private byte[] chunk = new byte[CHUNK];
    private int used;
    private int findings;
    private int checkFindings;
    private boolean closed;

    public ProjectSpool(ProjectId project, ResultFormat format, RawWriter writer) {
        this.project = project;
        this.writer = writer;
        try {
            raw = Files.createTempFile("demarc-results-", ".json.gz");
            rawOut = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
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
        long millis = f.updatedAt().toEpochMilli();
        sha256.reset();
        updateUtf8(f.id());
        scratch[0] = '\n';
        int n = 1;
        long m = millis;
        if (m < 0) { // before 1970: written with its sign, as Long.toString does
            scratch[n++] = '-';
        }
        int digitsFrom = n;
        do {
            scratch[n++] = (byte) ('0' + Math.abs(m % 10));
            m /= 10;
        } while (m != 0);
        for (int i = digitsFrom, j = n - 1; i < j; i++, j--) {
            byte t = scratch[i];
            scratch[i] = scratch[j];
            scratch[j] = t;
        }
        sha256.update(scratch, 0, n);
        byte[] digest = sha256.digest();
        keys.add(longAt(digest, 0), longAt(digest, 8), (int) Math.floorDiv(millis, DAY_MS));
        checks.computeIfAbsent(f.source() + ":" + f.checkId(), k -> new Check(f.source(), f.checkId())).add(f);
    }

    /** The UTF-8 bytes of {@code s} into the digest: ASCII through a reused buffer, anything else as String encodes it. */
    private void updateUtf8(String s) {
        int length = s.length();
        if (length > scratch.length) {
            sha256.update(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                sha256.update(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            scratch[i] = (byte) c;
        }
        sha256.update(scratch, 0, length);
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /**
     * A finding's idempotency key: the first 16 bytes of the SHA-256 of its id, a line feed and its update time in epoch
     * milliseconds (the same as migration V0160 computes for the findings imported before). {@link #check} computes the
     * same without building the string.
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

    /** The keys of the check findings, sorted and without repeats ({@link FindingKeys#sort}). */
    public FindingKeys keys() {
        complete();
        return keys;
    }

    /** Ends the raw file: everything handed over is written (waits for the writer); the keys sorted. */
    public void complete() {
        if (!closed) {
            closed = true;
            byte[] tail = "\n]}\n".getBytes(StandardCharsets.UTF_8);
            put(tail, 0, tail.length);
            handOver();
            writer.close(rawOut);
            keys.sort(); // while the writer finishes
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
