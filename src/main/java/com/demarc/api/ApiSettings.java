package com.demarc.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code demarc.api.*}: how long tokens may live and how many calls a token may make.
 *
 * @param maxTokenLifetime the longest expiry a new token may have (default 365 days)
 * @param defaultTokenLifetime the expiry the pages propose (default 90 days)
 * @param rateLimitRequests calls per token within {@code rateLimitPeriod} (then 429 with Retry-After)
 * @param rateLimitPeriod the window the requests refill over (greedily)
 */
@ConfigurationProperties("demarc.api")
public record ApiSettings(Duration maxTokenLifetime, Duration defaultTokenLifetime, int rateLimitRequests,
                          Duration rateLimitPeriod) {
    public ApiSettings {
        maxTokenLifetime = maxTokenLifetime == null ? Duration.ofDays(365) : maxTokenLifetime;
        defaultTokenLifetime = defaultTokenLifetime == null ? Duration.ofDays(90) : defaultTokenLifetime;
        rateLimitRequests = rateLimitRequests <= 0 ? 600 : rateLimitRequests;
        rateLimitPeriod = rateLimitPeriod == null ? Duration.ofMinutes(1) : rateLimitPeriod;
    }
}
