package com.demarc.bench;

import com.demarc.evidence.internal.FilesystemObjectStore;
import com.demarc.evidence.internal.ObjectStore;
import com.demarc.evidence.internal.S3ObjectStore;
import com.demarc.evidence.internal.StoreSettings;
import com.demarc.support.S3ProxyServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17: a 100 MB evidence file into the external stores, as the store receives it from the upload (the bytes
 * streamed and hashed, written under a pending key, made current), against same-run baselines: {@code cp} +
 * {@code sha256sum} for the filesystem store, a bare SDK PutObject of the same file to the same S3Proxy for the s3
 * store. No Spring context, no database: the store's share of an upload (the HTTP path is EvidenceBenchmark's).
 */
@Tag("benchmark")
class EvidenceStoreBenchmark {
    private static final String NAME = "Evidence stores";
    private static final long MIB = 1024 * 1024;
    private static final long SIZE = 100 * MIB;
    private static final int RUNS = Integer.getInteger("bench.evidence.runs", 5);
    private static final Path WORK = Path.of("target", "bench-evidence-stores");

    @Test
    void filesystemStoreAgainstCpAndSha256sum() throws Exception {
        Path file = textFile();
        String expected = sha256(file);
        Path dir = WORK.resolve("fs-store");
        var store = new FilesystemObjectStore(dir);
        try {
            var baseline = Bench.time(1, RUNS, () -> copyAndHash(file, expected));
            var result = Bench.time(1, RUNS, () -> {
                String name = UUID.randomUUID().toString();
                try (InputStream in = Files.newInputStream(file)) {
                    var written = store.write(ObjectStore.PENDING_PREFIX + name, in, Long.MAX_VALUE);
                    assertEquals(expected, written.sha256());
                }
                store.move(ObjectStore.PENDING_PREFIX + name, ObjectStore.OBJECT_PREFIX + name, expected);
                store.delete(ObjectStore.OBJECT_PREFIX + name);
            });
            double share = baseline.median() / result.median();
            Bench.recordTime(NAME, "100 MB into the filesystem store (stream + SHA-256 + fsync + rename)", result,
                    "cp + sha256sum", baseline, "≥ 70 % of cp + sha256sum (" + pct(share) + ")", share >= 0.70);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    @Test
    void s3StoreAgainstABareSdkPutObject() throws Exception {
        Path file = textFile();
        String expected = sha256(file);
        String bucket = "bench-evidence";
        try (var server = S3ProxyServer.start(bucket);
             var store = new S3ObjectStore(new StoreSettings.S3(bucket, S3ProxyServer.REGION, server.endpoint(), true, null, null,
                     DataSize.ofMegabytes(8), false));
             var bare = server.client()) {
            var baseline = Bench.time(1, RUNS, () -> {
                String key = "bare/" + UUID.randomUUID();
                bare.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
                bare.deleteObject(b -> b.bucket(bucket).key(key));
            });
            var written = Bench.time(1, RUNS, () -> {
                String key = ObjectStore.PENDING_PREFIX + UUID.randomUUID();
                try (InputStream in = Files.newInputStream(file)) {
                    assertEquals(expected, store.write(key, in, Long.MAX_VALUE).sha256());
                }
                store.delete(key);
            });
            var current = Bench.time(1, RUNS, () -> {
                String name = UUID.randomUUID().toString();
                try (InputStream in = Files.newInputStream(file)) {
                    store.write(ObjectStore.PENDING_PREFIX + name, in, Long.MAX_VALUE);
                }
                store.move(ObjectStore.PENDING_PREFIX + name, ObjectStore.OBJECT_PREFIX + name, expected);
                store.delete(ObjectStore.OBJECT_PREFIX + name);
            });
            double share = baseline.median() / written.median();
            Bench.recordTime(NAME, "100 MB into the s3 store (multipart 8 MB parts, per-part SHA-256), S3Proxy", written,
                    "bare SDK PutObject", baseline, "≥ 80 % of PutObject (" + pct(share) + ")", share >= 0.80);
            double withMove = baseline.median() / current.median();
            Bench.recordTime(NAME, "… plus making it current after the commit (CopyObject + DeleteObject)", current,
                    "bare SDK PutObject", baseline, "— (" + pct(withMove) + ")", null);
        }
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static Path textFile() throws IOException {
        Files.createDirectories(WORK);
        Path file = WORK.resolve("evidence-100mb.txt");
        if (Files.exists(file) && Files.size(file) == SIZE) {
            return file;
        }
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .".getBytes(StandardCharsets.US_ASCII);
        var random = new SplittableRandom(100);
        byte[] buffer = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < SIZE; written += buffer.length) {
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] = (written + i) % 81 == 80 ? (byte) '\n' : alphabet[random.nextInt(alphabet.length)];
                }
                out.write(buffer);
            }
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void copyAndHash(Path file, String expectedSha) throws IOException, InterruptedException {
        Path copy = WORK.resolve("copy-" + file.getFileName());
        try {
            var process = new ProcessBuilder("sh", "-c", "cp \"$1\" \"$2\" && sha256sum \"$2\"", "sh",
                    file.toString(), copy.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || !output.startsWith(expectedSha)) {
                process.destroyForcibly();
                throw new IllegalStateException("cp + sha256sum of " + file + " failed: " + output);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
