package com.demarc.audit;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One audit log entry; {@code hash} covers its content and the previous entry's hash. */
public record AuditEntry(long seq, Instant at, String actor, @Nullable String address, String action, String entityType,
                         @Nullable String entityId, String summary, @Nullable String before, @Nullable String after,
                         String prevHash, String hash) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** SHA-256 over every field (length-prefixed, so no two contents collide by shifting a separator) and the previous hash. */
    public String computeHash() {
        var sb = new StringBuilder(256);
        for (String field : new String[]{String.valueOf(seq), at.toString(), actor, address, action, entityType,
                entityId, summary, before, after, prevHash}) {
            if (field == null) {
                sb.append("-1:");
            } else {
                sb.append(field.length()).append(':').append(field);
            }
            sb.append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
