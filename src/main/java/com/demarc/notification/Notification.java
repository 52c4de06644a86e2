package com.demarc.notification;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** One entry of a user's inbox; {@code link} is a route inside Demarc (e.g. "projects/12"). */
public record Notification(long id, NotificationKind kind, String title, String body, String link,
                           @Nullable String actor, Instant createdAt, @Nullable Instant readAt) {
    public boolean unread() {
        return readAt == null;
    }
}
