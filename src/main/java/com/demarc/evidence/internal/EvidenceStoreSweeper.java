package com.demarc.evidence.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;

/**
 * Cleans up after crashes (ADR 0018), once across nodes: objects still under a pending key past the grace period
 * ({@code demarc.evidence.pending-grace}) are moved to their key when their row committed, else deleted (the upload
 * never committed); objects whose row was deleted but that are still there are deleted.
 */
@Component
public class EvidenceStoreSweeper {
    private static final Logger log = LoggerFactory.getLogger(EvidenceStoreSweeper.class);

    private final JdbcTemplate jdbc;
    private final RoutingEvidenceStore store;
    private final ObjectStores objects;
    private final StoreSettings settings;
    private final Clock clock;

    EvidenceStoreSweeper(JdbcTemplate jdbc, RoutingEvidenceStore store, ObjectStores objects, StoreSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.objects = objects;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Sweep(int promoted, int removedPending, int deleted, int failed) {
    }

    @Scheduled(fixedDelayString = "${demarc.evidence.sweep-interval:PT15M}", initialDelayString = "${demarc.evidence.sweep-interval:PT15M}")
    @SchedulerLock(name = "evidence-store-sweep", lockAtMostFor = "PT1H")
    public void scheduled() { // public: the ShedLock proxy intercepts it
        var sweep = sweep(clock.instant().minus(settings.pendingGrace()));
        if (sweep.promoted() + sweep.removedPending() + sweep.deleted() + sweep.failed() > 0) {
            log.info("Evidence store sweep: {} made current, {} abandoned pending objects removed, {} deleted objects removed, {} failed",
                    sweep.promoted(), sweep.removedPending(), sweep.deleted(), sweep.failed());
        }
    }

    /** Sweeps pending objects written before {@code cutoff}, and every queued deletion. */
    public Sweep sweep(Instant cutoff) {
        int promoted = 0;
        int removed = 0;
        int deleted = 0;
        int failed = 0;
        for (var d : jdbc.query("select id, store, object_key from evidence_object_deletion order by id limit 10000",
                (rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3)})) {
            if (store.processDeletion((Long) d[0], (String) d[1], (String) d[2])) {
                deleted++;
            } else {
                failed++;
            }
        }
        var names = new LinkedHashSet<>(store.storesInUse());
        if (!objects.active().equals(StoreSettings.POSTGRES)) {
            names.add(objects.active());
        }
        for (String name : names) {
            ObjectStore os;
            try {
                os = objects.get(name);
            } catch (RuntimeException e) {
                log.warn("Evidence store {} is not reachable with the current settings ({}): not swept", name, e.getMessage());
                failed++;
                continue;
            }
            // committed rows whose object was never moved (a crash or store failure right after the commit)
            for (var row : jdbc.query("""
                            select id, pending_key, object_key, sha256 from evidence_content
                             where store = ? and pending_key is not null and created_at < ?""",
                    (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                    name, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))) {
                if (store.promote(os, Long.parseLong(row[0]), row[1], row[2], row[3])) {
                    promoted++;
                } else {
                    failed++;
                }
            }
            try {
                for (String key : os.pendingBefore(cutoff)) {
                    var row = jdbc.query("select id, object_key, sha256 from evidence_content where pending_key = ?",
                            (rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, key);
                    if (!row.isEmpty()) {
                        if (store.promote(os, Long.parseLong(row.getFirst()[0]), key, row.getFirst()[1], row.getFirst()[2])) {
                            promoted++;
                        } else {
                            failed++;
                        }
                    } else {
                        os.delete(key);
                        removed++;
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Evidence store {} could not be swept ({}); the next sweep retries", name, e.getMessage());
                failed++;
            }
        }
        return new Sweep(promoted, removed, deleted, failed);
    }
}
