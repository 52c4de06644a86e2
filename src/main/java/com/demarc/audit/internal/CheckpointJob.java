package com.demarc.audit.internal;

import com.demarc.audit.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs the audit chain's head at least every {@code demarc.audit.checkpoint-interval} (default hourly), besides the
 * checkpoint every {@code checkpoint-every} entries. Safe with several nodes: it takes the append lock and skips a
 * head that is already signed.
 */
@Component
class CheckpointJob {
    private final AuditLog audit;

    CheckpointJob(AuditLog audit) {
        this.audit = audit;
    }

    @Scheduled(fixedDelayString = "${demarc.audit.checkpoint-interval:1h}", initialDelayString = "PT1M")
    @SchedulerLock(name = "audit-checkpoint", lockAtMostFor = "PT10M")
    public void signHead() { // public: the ShedLock proxy intercepts it
        audit.checkpointHead();
    }
}
