package com.demarc.api.internal;

import com.demarc.api.ApiSettings;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Bucket4j token bucket per API token, in this node's memory: {@code demarc.api.rate-limit-requests} calls per
 * {@code rate-limit-period}, refilled greedily. With several nodes each allows that many (a limit against runaway
 * scripts, not a quota); a bucket is dropped once full again, so idle tokens cost nothing.
 */
@Component
public class RateLimits {
    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final ApiSettings settings;

    RateLimits(ApiSettings settings) {
        this.settings = settings;
    }

    /** 0 when the call may go ahead, else the seconds to wait before the next one is allowed (at least 1). */
    public long tryCall(long tokenId) {
        if (buckets.size() > 100_000) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= settings.rateLimitRequests());
        }
        var bucket = buckets.computeIfAbsent(tokenId, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.rateLimitRequests())
                        .refillGreedy(settings.rateLimitRequests(), settings.rateLimitPeriod()))
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
