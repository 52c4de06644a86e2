package com.demarc.evidence;

import com.demarc.shared.Actors;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded capacity for evidence bytes in transit: a global number of transfers and a number per user. A transfer
 * holds its permit while bytes travel (which never holds a database connection) and gives it back when closed.
 */
@Component
public class Transfers {
    private final TransferLimits limits;
    private final Semaphore global;
    private final ConcurrentHashMap<String, Integer> perUser = new ConcurrentHashMap<>();

    Transfers(TransferLimits limits) {
        this.limits = limits;
        this.global = new Semaphore(limits.maxConcurrentTransfers(), true);
    }

    /** A running transfer; close it when its bytes have travelled (or failed). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts a transfer for the signed-in user, or refuses it with {@link TooManyTransfers}: at once when the user
     * runs their limit already, after a short wait when the whole server is at its limit.
     */
    public Permit begin() {
        String user = Actors.currentUsername();
        var admitted = new java.util.concurrent.atomic.AtomicBoolean();
        perUser.compute(user, (u, n) -> {
            int running = n == null ? 0 : n;
            if (running >= limits.maxTransfersPerUser()) {
                return n;
            }
            admitted.set(true);
            return running + 1;
        });
        if (!admitted.get()) {
            throw new TooManyTransfers("You have " + limits.maxTransfersPerUser() + " transfers running; wait for one "
                    + "to finish, then try again.", true);
        }
        boolean acquired;
        try {
            acquired = global.tryAcquire(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            release(user);
            throw new TooManyTransfers("Demarc is busy with " + limits.maxConcurrentTransfers() + " transfers at the "
                    + "moment; try again in a minute.", false);
        }
        var closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                global.release();
                release(user);
            }
        };
    }

    /** Transfers running now for this user (for tests and the sessions view). */
    public int running(String user) {
        return perUser.getOrDefault(user, 0);
    }

    private void release(String user) {
        perUser.computeIfPresent(user, (u, n) -> n <= 1 ? null : n - 1);
    }
}
