package com.demarc.shared.scheduling;

import com.demarc.support.DemarcTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled job that must run once across nodes takes its ShedLock row when it runs, and does not run while another
 * node holds that row (rows are never deleted: ShedLock remembers which rows exist).
 */
@DemarcTest
class JobLocksTest {
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void release() {
        jdbc.sql("update shedlock set lock_until = now() - interval '1 minute' where name = 'coverage-nightly'").update();
    }

    @Test
    void theNightlyCoverageJobTakesItsLockRowWhenItRuns() {
        release();
        var before = OffsetDateTime.now().minusSeconds(5);
        ReflectionTestUtils.invokeMethod(context.getBean("coverageJobs"), "nightly");
        var lockedAt = jdbc.sql("select locked_at from shedlock where name = 'coverage-nightly'")
                .query(OffsetDateTime.class).single();
        assertThat(lockedAt).isAfter(before);
        assertThat(jdbc.sql("select locked_by from shedlock where name = 'coverage-nightly'").query(String.class).single())
                .isNotEqualTo("other-node");
    }

    @Test
    void aJobWhoseLockAnotherNodeHoldsDoesNotRunHere() {
        jdbc.sql("""
                insert into shedlock (name, lock_until, locked_at, locked_by)
                values ('coverage-nightly', now() + interval '1 hour', now(), 'other-node')
                on conflict (name) do update set lock_until = excluded.lock_until, locked_at = excluded.locked_at,
                                                 locked_by = excluded.locked_by""").update();
        var snapshotBefore = lastSnapshot();
        ReflectionTestUtils.invokeMethod(context.getBean("coverageJobs"), "nightly");
        assertThat(jdbc.sql("select locked_by from shedlock where name = 'coverage-nightly'").query(String.class).single())
                .isEqualTo("other-node");
        assertThat(lastSnapshot()).as("today's snapshot, taken again while another node holds the lock").isEqualTo(snapshotBefore);
    }

    /** When today's snapshot was last (re)taken: every run of the job replaces it. */
    private OffsetDateTime lastSnapshot() {
        return jdbc.sql("select coalesce(max(taken_at), '-infinity') from coverage_snapshot").query(OffsetDateTime.class).single();
    }
}
