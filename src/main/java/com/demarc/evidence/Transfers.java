package com.demarc.evidence;

import com.demarc.shared.Actors;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounded capacity for evidence bytes in transit: a global number of transfers and a number per user. A transfer
 * holds its permit while bytes travel (which never holds a database connection) and gives it back when closed.
 */
@Component
public class Transfers {
    private static final Duration GLOBAL_WAIT = Duration.ofSeconds(2);

    private final TransferLimits limits;
    private final Semaphore global;
    private final ConcurrentHashMap<String, Semaphore> perUser = new ConcurrentHashMap<>();

    Transfers(TransferLimits limits) {
        this.limits = limits;
        this.global = new Semaphore(limits.maxConcurrentTransfers(), true);
    }

    /** A running transfer; close it when its bytes have travelled (or failed). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts a download for the signed-in user, or refuses it at once when the user runs their limit already. */
    public Permit begin() {
        return begin(Duration.ZERO);
    }

    /** Starts an upload, waiting up to {@code demarc.evidence.upload-wait} for one of the user's slots. */
    Permit beginUpload() {
        return begin(limits.uploadWait());
    }

    private Permit begin(Duration userWait) {
        String user = Actors.currentUsername();
        var mine = perUser.computeIfAbsent(user, u -> new Semaphore(limits.maxTransfersPerUser(), true));
        if (!acquire(mine, userWait)) {
            throw new TooManyTransfers("You have " + limits.maxTransfersPerUser() + " transfers running; wait for one "
                    + "to finish, then try again.", true);
        }
        if (!acquire(global, GLOBAL_WAIT)) {
            mine.release();
            throw new TooManyTransfers("Demarc is busy with " + limits.maxConcurrentTransfers() + " transfers at the "
                    + "moment; try again in a minute.", false);
        }
        var closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                global.release();
                mine.release();
            }
        };
    }

    private static boolean acquire(Semaphore semaphore, Duration wait) {
        try {
            return wait.isZero() ? semaphore.tryAcquire() : semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Transfers running now for this user. */
    public int running(String user) {
        var mine = perUser.get(user);
        return mine == null ? 0 : limits.maxTransfersPerUser() - mine.availablePermits();
    }
}
