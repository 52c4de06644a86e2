package com.demarc.automation.internal;

import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ResultFormat;
import com.demarc.project.ProjectId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One project's part of an import while the file streams by: its raw findings written to a temporary JSON file (the
 * evidence stored later; each finding's bytes copied as they stood in the file), the idempotency keys of its check
 * findings to another (PostgreSQL {@code COPY} text format: finding id, update time in epoch milliseconds), and per
 * check the resources seen with their newest status. Only the per-check aggregates stay in memory.
 */
public final class ProjectSpool implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final int MAX_FAILING_LISTED = 50;

    private final ProjectId project;
    private final Path raw;
    private final Path keys;
    private final OutputStream rawOut;
    private final BufferedWriter keysOut;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private int findings;
    private int checkFindings;
    private boolean closed;

    public ProjectSpool(ProjectId project, ResultFormat format) {
        this.project = project;
        try {
            raw = Files.createTempFile("demarc-results-", ".json");
            keys = Files.createTempFile("demarc-keys-", ".tsv");
            rawOut = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16);
            keysOut = new BufferedWriter(Files.newBufferedWriter(keys, StandardCharsets.UTF_8), 1 << 16);
            rawOut.write(("{\"" + (format == ResultFormat.CONFIG_EVALUATIONS ? "EvaluationResults" : "Findings") + "\":[\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ProjectId project() {
        return project;
    }

    /**
     * Every finding of the project's accounts goes into the raw evidence, whatever its state: its bytes from the file,
     * or (when the parser could not keep them) the parsed finding written out.
     */
    public void raw(JsonNode node, byte @Nullable [] bytes) {
        try {
            if (findings > 0) {
                rawOut.write(',');
                rawOut.write('\n');
            }
            rawOut.write(bytes != null ? bytes : JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        findings++;
    }

    /** An active check finding: its key for idempotency, and its resource's status for the check's result. */
    public void check(ResultParser.Finding f) {
        checkFindings++;
        try {
            copyText(keysOut, f.id());
            keysOut.write('\t');
            keysOut.write(Long.toString(f.updatedAt().toEpochMilli()));
            keysOut.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checks.computeIfAbsent(f.source() + ":" + f.checkId(), k -> new Check(f.source(), f.checkId())).add(f);
    }

    public int findings() {
        return findings;
    }

    public int checkFindings() {
        return checkFindings;
    }

    public Path rawFile() {
        finish();
        return raw;
    }

    public List<Check> checks() {
        return new ArrayList<>(checks.values());
    }

    /** The keys of the check findings, as {@code COPY … from stdin} text (finding id, update time in epoch ms). */
    public Path keysFile() {
        finish();
        return keys;
    }

    private static void copyText(BufferedWriter out, String value) throws IOException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(c);
            }
        }
    }

    private void finish() {
        if (!closed) {
            closed = true;
            try {
                rawOut.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
                rawOut.close();
                keysOut.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            finish();
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
