package com.demarc.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many evidence transfers (uploads and downloads) run at once, set with {@code demarc.evidence.*}: in all, and
 * per user, so one noisy user cannot take the server's threads, memory or database connections from everybody else.
 */
@ConfigurationProperties("demarc.evidence")
public record TransferLimits(int maxConcurrentTransfers, int maxTransfersPerUser) {
    public TransferLimits {
        maxConcurrentTransfers = maxConcurrentTransfers <= 0 ? 32 : maxConcurrentTransfers;
        maxTransfersPerUser = maxTransfersPerUser <= 0 ? 4 : maxTransfersPerUser;
    }
}
