package com.demarc.notification;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A message Demarc gave up sending (FAILED) or could not send (SKIPPED: e.g. no e-mail address), for admins. */
public record DeliveryFailure(long id, String channel, String state, @Nullable Long recipient, @Nullable Long team,
                              String title, int attempts, String error, Instant createdAt) {
}
