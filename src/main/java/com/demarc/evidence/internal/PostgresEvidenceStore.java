package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;
import com.demarc.evidence.EvidenceStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Evidence content in PostgreSQL, in 1 MiB chunks (ADR 0006): one backup holds everything, content and metadata
 * commit or roll back together, and neither upload nor download ever holds more than one chunk in memory. The store
 * {@code postgres} of {@link RoutingEvidenceStore} (ADR 0018).
 */
@Component
class PostgresEvidenceStore {
    static final int CHUNK = 1 << 20;

    private final JdbcTemplate jdbc;

    PostgresEvidenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public EvidenceStore.StoredContent store(InputStream in, long maxBytes) throws IOException {
        Long id = jdbc.queryForObject("insert into evidence_content (size_bytes, sha256, chunks) values (0, '', 0) returning id",
                Long.class);
        var written = writeChunks(id, in, maxBytes);
        jdbc.update("update evidence_content set size_bytes = ?, sha256 = ?, chunks = ? where id = ?",
                written.size(), written.sha256(), written.chunks(), id);
        return new EvidenceStore.StoredContent(id, written.size(), written.sha256());
    }

    /** What {@link #writeChunks} wrote. */
    record Chunks(long size, String sha256, int chunks) {
    }

    /** Writes the chunks of content {@code id} (which has none yet), in the caller's transaction. */
    Chunks writeChunks(long id, InputStream in, long maxBytes) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        int seq = 0;
        while (true) {
            int n = in.readNBytes(buffer, 0, CHUNK);
            if (n <= 0) {
                break;
            }
            total += n;
            if (total > maxBytes) {
                throw new EvidenceRefused("The file is larger than the limit of " + EvidenceLimits.human(maxBytes)
                        + ": nothing was stored. Split it, compress it, or ask an administrator to raise the limit.");
            }
            sha.update(buffer, 0, n);
            final int length = n;
            final int index = seq++;
            jdbc.update(con -> {
                var ps = con.prepareStatement("insert into evidence_chunk (content_id, seq, data) values (?, ?, ?)");
                ps.setLong(1, id);
                ps.setInt(2, index);
                ps.setBinaryStream(3, new ByteArrayInputStream(buffer, 0, length), length);
                return ps;
            });
        }
        if (total == 0) {
            throw new EvidenceRefused("The file is empty: nothing was stored. Choose the file that holds the evidence.");
        }
        return new Chunks(total, HexFormat.of().formatHex(sha.digest()), seq);
    }

    public InputStream open(long contentId) {
        Integer chunks = jdbc.queryForObject("select chunks from evidence_content where id = ?", Integer.class, contentId);
        return new ChunkStream(contentId, chunks == null ? 0 : chunks);
    }

    public void delete(long contentId) {
        jdbc.update("delete from evidence_content where id = ?", contentId);
    }

    /** Reads one chunk per query, so memory stays at one chunk whatever the file size. */
    private final class ChunkStream extends InputStream {
        private final long contentId;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int pos;

        ChunkStream(long contentId, int chunks) {
            this.contentId = contentId;
            this.chunks = chunks;
        }

        private boolean fill() {
            while (pos >= current.length) {
                if (next >= chunks) {
                    return false;
                }
                current = jdbc.queryForObject("select data from evidence_chunk where content_id = ? and seq = ?",
                        byte[].class, contentId, next++);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
