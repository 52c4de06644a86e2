package com.demarc.shared;

import org.jspecify.annotations.Nullable;

/** Someone else saved the same record first; the message names who and when, the user's input is kept by the view. */
public class ConcurrentEditException extends UserFacingException {
    public ConcurrentEditException(String what, @Nullable String changedBy, java.time.@Nullable Instant changedAt) {
        super(what + " was changed by " + (changedBy == null ? "another user" : changedBy)
                + (changedAt == null ? "" : " at " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .withZone(java.time.ZoneOffset.UTC).format(changedAt))
                + " while you were editing. Your input is still here: reload to see their change, then save again.");
    }
}
