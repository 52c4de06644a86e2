package com.demarc.shared.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * Scheduled jobs run once across app nodes: each {@code @Scheduled} method that must not run twice also carries
 * {@code @SchedulerLock(name = …)}, and takes its row in table {@code shedlock} (database time) before it runs.
 * A node that dies holding a lock frees it after the job's {@code lockAtMostFor}. Jobs that fire at the same
 * wall-clock time on every node also set {@code lockAtLeastFor}, so a node whose clock or trigger runs late finds
 * the lock still held after a short run instead of running the job a second time.
 *
 * <p>Metrics: {@code demarc.jobs.runs{job}} counts the runs this node made (it held the lock),
 * {@code demarc.jobs.skipped{job}} the triggers that found another node's lock, and {@code demarc.jobs.duration{job}}
 * times the runs; failures are Spring's {@code tasks.scheduled.execution{outcome="ERROR"}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
public class JobLocks {
    @Bean
    LockProvider lockProvider(DataSource dataSource, ObjectProvider<MeterRegistry> meters) {
        LockProvider jdbc = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null ? jdbc : new MeteredLockProvider(jdbc, registry);
    }

    /** Counts and times the runs a node makes under its lock, and the triggers it skips. */
    static final class MeteredLockProvider implements LockProvider {
        private final LockProvider delegate;
        private final MeterRegistry registry;

        MeteredLockProvider(LockProvider delegate, MeterRegistry registry) {
            this.delegate = delegate;
            this.registry = registry;
        }

        @Override
        public Optional<SimpleLock> lock(LockConfiguration configuration) {
            String job = configuration.getName();
            Optional<SimpleLock> lock = delegate.lock(configuration);
            if (lock.isEmpty()) {
                registry.counter("demarc.jobs.skipped", "job", job).increment();
                return lock;
            }
            registry.counter("demarc.jobs.runs", "job", job).increment();
            Timer.Sample sample = Timer.start(registry);
            SimpleLock held = lock.get();
            return Optional.of(new SimpleLock() {
                @Override
                public void unlock() {
                    try {
                        held.unlock();
                    } finally {
                        sample.stop(Timer.builder("demarc.jobs.duration").tag("job", job)
                                .description("Time a scheduled job ran on this node").register(registry));
                    }
                }

                @Override
                public Optional<SimpleLock> extend(java.time.Duration lockAtMostFor, java.time.Duration lockAtLeastFor) {
                    return held.extend(lockAtMostFor, lockAtLeastFor);
                }
            });
        }
    }
}
