package com.demarc.notification.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How notifications leave Demarc ({@code demarc.notifications.*}); links in mails are absolute from
 * {@code demarc.base-url}, read separately because other modules may use it too.
 */
@ConfigurationProperties("demarc.notifications")
public record NotificationSettings(
        @DefaultValue("Demarc <demarc@localhost>") String mailFrom,
        @DefaultValue("20") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("30s") Duration retryFirst,
        @DefaultValue("1h") Duration retryMax,
        @DefaultValue("5s") Duration webhookTimeout,
        /* an address for the mailto: part of List-Unsubscribe (Demarc does not read it: a person or rule must); "" = none */
        @DefaultValue("") String unsubscribeMailto) {

    /** Back-off after the n-th failed attempt: first, then doubling, at most retryMax. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts - 1));
        var d = retryFirst.multipliedBy(factor);
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }
}
