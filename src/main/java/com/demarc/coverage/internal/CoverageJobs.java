package com.demarc.coverage.internal;

import com.demarc.coverage.CoverageService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refreshes every rollup and takes the daily snapshot: at start-up when stale, and every night. */
@Component
@Order(100)
class CoverageJobs implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(CoverageJobs.class);
    private final CoverageService coverage;
    private final ObjectProvider<MeterRegistry> meters;

    CoverageJobs(CoverageService coverage, ObjectProvider<MeterRegistry> meters) {
        this.coverage = coverage;
        this.meters = meters;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("verify-audit-log") && coverage.staleToday()) {
            long millis = refresh("start-up");
            log.info("Coverage rollups refreshed and today's snapshot taken in {} ms", millis);
        }
    }

    @Scheduled(cron = "${demarc.coverage.snapshot-cron:0 5 0 * * *}")
    // every node fires at the same wall-clock time: lockAtLeastFor keeps the lock past a short run, so a node whose
    // clock or trigger is a little late finds it held instead of running the job a second time
    @SchedulerLock(name = "coverage-nightly", lockAtMostFor = "PT2H", lockAtLeastFor = "PT5M")
    public void nightly() { // public: the ShedLock proxy intercepts it
        long millis = refresh("nightly");
        log.info("Nightly coverage refresh and snapshot done in {} ms", millis);
    }

    /** Refreshes and snapshots, timed as {@code demarc.coverage.refresh{trigger}}; returns the milliseconds. */
    private long refresh(String trigger) {
        long t0 = System.nanoTime();
        coverage.refreshAndSnapshot();
        long nanos = System.nanoTime() - t0;
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Timer.builder("demarc.coverage.refresh").tag("trigger", trigger)
                    .description("Full refresh of every coverage rollup and the daily snapshot")
                    .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return nanos / 1_000_000;
    }
}
