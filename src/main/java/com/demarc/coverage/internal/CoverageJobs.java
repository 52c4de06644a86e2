package com.demarc.coverage.internal;

import com.demarc.coverage.CoverageService;
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

    CoverageJobs(CoverageService coverage) {
        this.coverage = coverage;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("verify-audit-log") && coverage.staleToday()) {
            long t0 = System.nanoTime();
            coverage.refreshAndSnapshot();
            log.info("Coverage rollups refreshed and today's snapshot taken in {} ms", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Scheduled(cron = "${demarc.coverage.snapshot-cron:0 5 0 * * *}")
    @SchedulerLock(name = "coverage-nightly", lockAtMostFor = "PT2H")
    public void nightly() { // public: the ShedLock proxy intercepts it
        coverage.refreshAndSnapshot();
    }
}
