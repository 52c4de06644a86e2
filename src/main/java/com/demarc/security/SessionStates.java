package com.demarc.security;

import com.demarc.organization.SecurityVersionChanged;
import com.demarc.organization.SecurityVersions;
import com.demarc.organization.SessionState;
import com.demarc.organization.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users' current rights as read from the database, kept for at most {@code demarc.security.rights-cache} (a few
 * seconds) so that a page's burst of requests costs one read. A change on this node drops the entry when it commits;
 * other nodes see it within the cache time at most.
 */
@Component
class SessionStates {
    private record Entry(Optional<SessionState> state, long readAt) {
    }

    private final SecurityVersions versions;
    private final long ttlNanos;
    private final ConcurrentHashMap<Long, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicLong> generations = new ConcurrentHashMap<>();

    SessionStates(SecurityVersions versions, @Value("${demarc.security.rights-cache:2s}") Duration ttl) {
        this.versions = versions;
        this.ttlNanos = ttl.toNanos();
    }

    Optional<SessionState> get(long userId) {
        long now = System.nanoTime();
        var entry = cache.get(userId);
        if (entry != null && now - entry.readAt() < ttlNanos) {
            return entry.state();
        }
        long generation = generation(userId).get();
        var state = versions.state(new UserId(userId));
        if (ttlNanos > 0) {
            // a change that committed while this read ran must not be covered by the older state read before it:
            // both sides work on the same key under compute, so they cannot interleave
            cache.compute(userId, (id, current) -> generation(id).get() == generation ? new Entry(state, now) : current);
        }
        return state;
    }

    private AtomicLong generation(long userId) {
        return generations.computeIfAbsent(userId, id -> new AtomicLong());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SecurityVersionChanged event) {
        cache.compute(event.userId().value(), (id, current) -> {
            generation(id).incrementAndGet();
            return null;
        });
    }
}
