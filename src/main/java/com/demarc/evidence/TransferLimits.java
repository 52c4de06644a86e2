package com.demarc.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How many evidence transfers (uploads and downloads) run at once, set with {@code demarc.evidence.*}: in all, and
 * per user, so one noisy user cannot take the server's threads, memory or database connections from everybody else.
 * An upload beyond the user's limit waits up to {@code uploadWait} for a free slot (a member dropping 20 files gets
 * them stored a few at a time); a download beyond it is refused at once (HTTP 429).
 */
@ConfigurationProperties("demarc.evidence")
public record TransferLimits(int maxConcurrentTransfers, int maxTransfersPerUser, Duration uploadWait) {
    public TransferLimits {
        maxConcurrentTransfers = maxConcurrentTransfers <= 0 ? 32 : maxConcurrentTransfers;
        maxTransfersPerUser = maxTransfersPerUser <= 0 ? 4 : maxTransfersPerUser;
        uploadWait = uploadWait == null || uploadWait.isNegative() ? Duration.ofSeconds(30) : uploadWait;
    }
}
