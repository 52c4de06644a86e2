package com.demarc.notification.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Daily digests: for each person with notifications waiting, once their local digest time has passed, one digest
 * mail with what waited until then. One digest per person and local day (a unique index), so a run after downtime
 * catches up (the missed day's digest goes out late, once) and a second run or node repeats nothing.
 */
@Component
public class DigestJob {
    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);
    private final OutboxRepository outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    DigestJob(OutboxRepository outbox, org.springframework.transaction.PlatformTransactionManager transactions, Clock clock) {
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Scheduled(cron = "${demarc.notifications.digest-cron:0 */15 * * * *}")
    @SchedulerLock(name = "notification-digest", lockAtMostFor = "PT10M")
    void scheduled() {
        int made = run(clock.instant());
        if (made > 0) {
            log.info("Queued {} daily digests", made);
        }
    }

    /** Queues the digests due at {@code now}; returns how many. */
    public int run(Instant now) {
        int made = 0;
        for (var waiting : outbox.waitingForDigest()) {
            ZoneId zone;
            try {
                zone = ZoneId.of(waiting.zone());
            } catch (DateTimeException e) {
                zone = ZoneId.of("UTC");
            }
            var local = now.atZone(zone);
            // before today's digest time the due digest is yesterday's (sent unless it went out already)
            var day = local.toLocalTime().isBefore(waiting.at()) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
            var cutoff = day.atTime(waiting.at()).atZone(zone).toInstant();
            var finalDay = day;
            Boolean made1 = tx.execute(s -> outbox.makeDigest(waiting.user(), finalDay, cutoff, now));
            if (Boolean.TRUE.equals(made1)) {
                made++;
            }
        }
        return made;
    }
}
