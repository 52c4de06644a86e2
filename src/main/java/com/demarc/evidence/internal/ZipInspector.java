package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Zip-bomb and smuggling check for ZIP-based files (ZIP, XLSX, DOCX, audit packages). It reads the archive's
 * central directory (what {@link ZipFile} and office programs trust) and walks the local headers (what streaming
 * readers trust) and refuses the archive unless both describe exactly the same entries, back to back from the first
 * byte to the central directory, with nothing prepended, appended or hidden between them. Only then are the entries
 * unpacked, counting the bytes they really produce and stopping as soon as a limit is passed.
 */
@Component
public class ZipInspector {
    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int DESCRIPTOR = 0x08074b50;
    private static final int ZIP64_END_LOCATOR = 0x07064b50;

    /** Limits for one inspection: most entries, most unpacked bytes in total, highest ratio unpacked/packed. */
    public record Limits(int maxEntries, long maxUnpacked, int maxRatio, String consequence) {
        public static Limits of(EvidenceLimits limits) {
            return new Limits(limits.maxZipEntries(), limits.maxZipUnpacked().toBytes(), limits.maxZipRatio(),
                    "nothing was stored");
        }
    }

    /** One entry as both directories agree on it, with the SHA-256 of its content when asked for. */
    public record Entry(String name, boolean directory, long compressedSize, long size, long crc, String sha256) {
    }

    /** Checks an upload: spools it to a temporary file (deleted afterwards) and inspects it. */
    public void check(InputStream content, long compressedSize, EvidenceLimits limits) throws IOException {
        Path tmp = Files.createTempFile("demarc-zip-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.transferTo(out);
            }
            inspect(tmp, Limits.of(limits), false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Inspects the archive in the file and returns its entries in file order, or refuses it with a message that
     * says what is wrong ({@link EvidenceRefused}). Unpacks every entry once to count its real size (and, with
     * {@code hash}, its SHA-256).
     */
    public List<Entry> inspect(Path file, Limits limits, boolean hash) throws IOException {
        List<Raw> entries;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            entries = structure(ch, limits);
        }
        long maxUnpacked = Math.min(limits.maxUnpacked(), Math.max(Files.size(file), 1) * limits.maxRatio());
        long declared = 0;
        for (Raw e : entries) {
            declared += e.size;
            if (e.size < 0 || declared > maxUnpacked) {
                throw bomb(maxUnpacked, limits);
            }
        }
        var hashes = new java.util.HashMap<String, String>();
        long unpacked = 0;
        byte[] buffer = new byte[64 * 1024];
        try (var zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            for (Raw e : entries) {
                var entry = zip.getEntry(e.name);
                if (entry == null) {
                    throw damaged("entry '" + shown(e.name) + "' cannot be found by name", limits);
                }
                if (entry.isDirectory()) {
                    // a directory holds nothing: one that carries data is a place to hide a bomb from this check
                    if (entry.getSize() > 0 || entry.getCompressedSize() > 2) {
                        throw refused(limits, "the folder entry '" + shown(e.name) + "' carries data");
                    }
                    continue;
                }
                long real = 0;
                var sha = hash ? sha256() : null;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        real += n;
                        unpacked += n;
                        if (unpacked > maxUnpacked) {
                            throw bomb(maxUnpacked, limits);
                        }
                        if (real > e.size) {
                            break;
                        }
                        if (sha != null) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
                if (real != e.size) {
                    throw damaged("entry '" + shown(e.name) + "' unpacks to " + (real > e.size ? "more than " + e.size
                            : real) + " bytes but declares " + e.size, limits);
                }
                if (sha != null) {
                    hashes.put(e.name, java.util.HexFormat.of().formatHex(sha.digest()));
                }
            }
        } catch (ZipException e) {
            throw damaged(e.getMessage(), limits);
        }
        return entries.stream().map(e -> new Entry(e.name, e.name.endsWith("/"), e.compressedSize, e.size, e.crc,
                hashes.get(e.name))).toList();
    }

    private record Raw(String name, byte[] nameBytes, int flags, int method, long crc, long compressedSize, long size,
                       long localOffset) {
    }

    private static List<Raw> structure(FileChannel ch, Limits limits) throws IOException {
        long length = ch.size();
        if (length < 22) {
            throw new EvidenceRefused("The archive is empty or not a valid ZIP: " + limits.consequence() + ".");
        }
        // the end record: its comment must reach exactly the end of the file (no appended bytes)
        int tail = (int) Math.min(length, 22 + 65_535);
        ByteBuffer end = read(ch, limits, length - tail, tail);
        long endOffset = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == END && i + 22 + (end.getShort(i + 20) & 0xffff) == tail) {
                endOffset = length - tail + i;
                break;
            }
        }
        if (endOffset < 0) {
            throw length >= 4 && read(ch, limits, 0, 4).getInt(0) == LOCAL
                    ? refused(limits, "its end record is missing or followed by extra bytes")
                    : new EvidenceRefused("The archive is empty or not a valid ZIP: " + limits.consequence() + ".");
        }
        ByteBuffer e = read(ch, limits, endOffset, 22);
        int disk = e.getShort(4) & 0xffff;
        int cdDisk = e.getShort(6) & 0xffff;
        int onDisk = e.getShort(8) & 0xffff;
        int total = e.getShort(10) & 0xffff;
        long cdSize = e.getInt(12) & 0xffffffffL;
        long cdOffset = e.getInt(16) & 0xffffffffL;
        if (total == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL
                || (endOffset >= 20 && read(ch, limits, endOffset - 20, 4).getInt(0) == ZIP64_END_LOCATOR)) {
            throw refused(limits, "it is a ZIP64 archive, which is only needed beyond Demarc's limits");
        }
        if (disk != 0 || cdDisk != 0 || onDisk != total) {
            throw refused(limits, "it is split over several disks");
        }
        if (total == 0) {
            throw new EvidenceRefused("The archive is empty: " + limits.consequence() + ".");
        }
        if (total > limits.maxEntries()) {
            throw tooMany(limits);
        }
        if (cdOffset + cdSize != endOffset) {
            throw refused(limits, "there are bytes between its central directory and its end record");
        }
        // each central record is at most 46 bytes plus three 64 KiB fields: a larger directory is a lie, and reading
        // it would allocate whatever the end record claims
        if (cdSize > (long) total * (46 + 3 * 0xffff)) {
            throw refused(limits, "its central directory is larger than its entries can be");
        }
        // the central directory
        ByteBuffer cd = read(ch, limits, cdOffset, cdSize);
        var entries = new ArrayList<Raw>();
        var names = new HashSet<String>();
        int p = 0;
        for (int i = 0; i < total; i++) {
            if (p + 46 > cdSize || cd.getInt(p) != CENTRAL) {
                throw refused(limits, "its central directory lists fewer entries than its end record says");
            }
            int flags = cd.getShort(p + 8) & 0xffff;
            int method = cd.getShort(p + 10) & 0xffff;
            long crc = cd.getInt(p + 16) & 0xffffffffL;
            long csize = cd.getInt(p + 20) & 0xffffffffL;
            long usize = cd.getInt(p + 24) & 0xffffffffL;
            int n = cd.getShort(p + 28) & 0xffff;
            int m = cd.getShort(p + 30) & 0xffff;
            int k = cd.getShort(p + 32) & 0xffff;
            long local = cd.getInt(p + 42) & 0xffffffffL;
            if (p + 46L + n + m + k > cdSize) {
                throw refused(limits, "its central directory is cut short");
            }
            if (csize == 0xffffffffL || usize == 0xffffffffL || local == 0xffffffffL) {
                throw refused(limits, "it is a ZIP64 archive, which is only needed beyond Demarc's limits");
            }
            if ((flags & 1) != 0) {
                throw refused(limits, "entry " + (i + 1) + " is encrypted");
            }
            byte[] nameBytes = new byte[n];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            if (!names.add(name)) {
                throw refused(limits, "the entry '" + shown(name) + "' appears twice");
            }
            entries.add(new Raw(name, nameBytes, flags, method, crc, csize, usize, local));
            p += 46 + n + m + k;
        }
        if (p != cdSize) {
            throw refused(limits, "its central directory holds more than the " + total + " entries its end record lists");
        }
        // the local headers, back to back from the first byte up to the central directory
        entries.sort(Comparator.comparingLong(Raw::localOffset));
        long expected = 0;
        for (Raw r : entries) {
            if (r.localOffset != expected) {
                throw refused(limits, expected == 0 ? "it has bytes before its first entry"
                        : "it has " + (r.localOffset > expected ? "bytes hidden between entries" : "overlapping entries")
                        + " (before '" + shown(r.name) + "')");
            }
            if (r.localOffset + 30 > cdOffset) {
                throw refused(limits, "the entry '" + shown(r.name) + "' points past its data");
            }
            ByteBuffer h = read(ch, limits, r.localOffset, 30);
            if (h.getInt(0) != LOCAL) {
                throw refused(limits, "the entry '" + shown(r.name) + "' has no local header where the central directory says");
            }
            int flags = h.getShort(6) & 0xffff;
            int method = h.getShort(8) & 0xffff;
            int n = h.getShort(26) & 0xffff;
            int m = h.getShort(28) & 0xffff;
            byte[] nameBytes = read(ch, limits, r.localOffset + 30, n).array();
            if (!Arrays.equals(nameBytes, r.nameBytes)) {
                throw refused(limits, "the local header names '" + shown(new String(nameBytes, StandardCharsets.UTF_8))
                        + "' where the central directory names '" + shown(r.name) + "'");
            }
            if (method != r.method || (flags & 0x8) != (r.flags & 0x8)) {
                throw refused(limits, "the entry '" + shown(r.name) + "' is described differently in its local header and in the central directory");
            }
            if ((flags & 0x8) == 0) {
                long crc = h.getInt(14) & 0xffffffffL;
                long csize = h.getInt(18) & 0xffffffffL;
                long usize = h.getInt(22) & 0xffffffffL;
                if (crc != r.crc || csize != r.compressedSize || usize != r.size) {
                    throw refused(limits, "the sizes of '" + shown(r.name) + "' differ between its local header and the central directory");
                }
            }
            long next = r.localOffset + 30 + n + m + r.compressedSize;
            if ((flags & 0x8) != 0) {
                if (next + 12 > cdOffset) {
                    throw refused(limits, "the entry '" + shown(r.name) + "' is cut short");
                }
                ByteBuffer d = read(ch, limits, next, Math.min(16, cdOffset - next));
                int q = d.getInt(0) == DESCRIPTOR && d.limit() >= 16 ? 4 : 0;
                if ((d.getInt(q) & 0xffffffffL) != r.crc || (d.getInt(q + 4) & 0xffffffffL) != r.compressedSize
                        || (d.getInt(q + 8) & 0xffffffffL) != r.size) {
                    throw refused(limits, "the sizes of '" + shown(r.name) + "' differ between its data descriptor and the central directory");
                }
                next += q + 12;
            }
            if (next > cdOffset) {
                throw refused(limits, "the entry '" + shown(r.name) + "' runs into the central directory");
            }
            expected = next;
        }
        if (expected != cdOffset) {
            throw refused(limits, "there are bytes between its last entry and its central directory");
        }
        return entries;
    }

    private static ByteBuffer read(FileChannel ch, Limits limits, long position, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16 || position < 0 || position + length > ch.size()) {
            throw refused(limits, "a directory record points outside the file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw refused(limits, "it is cut short");
            }
        }
        return b.flip();
    }

    private static EvidenceRefused refused(Limits limits, String why) {
        return new EvidenceRefused("The archive was refused because " + why + ": " + limits.consequence() + ". ZIP, "
                + "XLSX and DOCX files must be ordinary archives; save or export the file again and use that.");
    }

    private static EvidenceRefused damaged(String why, Limits limits) {
        return new EvidenceRefused("The archive is damaged (" + why + "): " + limits.consequence() + ". Use an intact file.");
    }

    private static EvidenceRefused tooMany(Limits limits) {
        return new EvidenceRefused("The archive has more than " + limits.maxEntries()
                + " entries: " + limits.consequence() + ". Use fewer files per archive.");
    }

    private static EvidenceRefused bomb(long maxUnpacked, Limits limits) {
        return new EvidenceRefused("The archive unpacks to more than " + EvidenceLimits.human(maxUnpacked)
                + " (" + limits.maxRatio() + " times its size at most): it looks like a zip bomb, so "
                + limits.consequence() + ".");
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(String name) {
        String s = name.replaceAll("\\p{Cntrl}|\\p{Cf}", "?");
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
