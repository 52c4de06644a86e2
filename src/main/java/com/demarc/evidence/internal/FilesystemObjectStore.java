package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Evidence objects as files in one directory ({@code demarc.evidence.filesystem.directory}): {@code pending/} and
 * {@code objects/} below it. Written with fsync before the row commits; made current by an atomic rename.
 */
public final class FilesystemObjectStore implements ObjectStore {
    private static final int BUFFER = 1 << 20;
    private final Path root;

    public FilesystemObjectStore(Path root) {
        if (root == null) {
            throw new IllegalStateException("demarc.evidence.store=filesystem needs demarc.evidence.filesystem.directory: "
                    + "set it to a directory the app may write (e.g. /var/lib/demarc/evidence).");
        }
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve(PENDING_PREFIX));
            Files.createDirectories(this.root.resolve(OBJECT_PREFIX));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the evidence directory " + this.root + " (" + e.getMessage()
                    + "): create it and let the app's user write to it, or change demarc.evidence.filesystem.directory.", e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public String name() {
        return StoreSettings.FILESYSTEM;
    }

    private Path path(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.contains("..")) {
            throw new IllegalArgumentException("Not an evidence key: " + key);
        }
        return p;
    }

    @Override
    public Written write(String key, InputStream in, long maxBytes) throws IOException {
        Path file = path(key);
        var sha = PostgresEvidenceStore.sha256();
        long total = 0;
        byte[] buffer = new byte[BUFFER];
        try (var out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, BUFFER)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new EvidenceRefused("The file is larger than the limit of " + EvidenceLimits.human(maxBytes)
                            + ": nothing was stored. Split it, compress it, or ask an administrator to raise the limit.");
                }
                sha.update(buffer, 0, n);
                var bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            if (total == 0) {
                throw new EvidenceRefused("The file is empty: nothing was stored. Choose the file that holds the evidence.");
            }
            out.force(true);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Written(total, HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public void move(String from, String to, String sha256) throws IOException {
        Path target = path(to);
        try {
            Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(path(from), target);
        } catch (FileAlreadyExistsException e) {
            Files.delete(path(from));
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<String> pendingBefore(Instant cutoff) throws IOException {
        var keys = new ArrayList<String>();
        try (var files = Files.list(root.resolve(PENDING_PREFIX))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    keys.add(PENDING_PREFIX + p.getFileName());
                }
            }
        }
        return keys;
    }
}
