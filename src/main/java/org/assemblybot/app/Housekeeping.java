package org.assemblybot.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assemblybot.core.inbound.HandledMarkPruning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upkeep of the stored data, on a thread of its own: never on the delivery thread, and never on a scheduler
 * thread where it could delay a GO. Prunes the "handled" marks once at startup and then every hour; the
 * pruning itself holds the database only a short batch at a time.
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    static final Duration PERIOD = Duration.ofHours(1);
    /** How long a stop waits for a batch in progress; a batch takes milliseconds. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService executor;

    private Housekeeping(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static Housekeeping start(HandledMarkPruning pruning) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> pruneOnce(pruning), 0, PERIOD.toSeconds(), TimeUnit.SECONDS);
        return new Housekeeping(executor);
    }

    /** One run; a failure (a busy database) is logged and the next run tries again — it must not end the schedule. */
    static void pruneOnce(HandledMarkPruning pruning) {
        try {
            pruning.prune();
        } catch (RuntimeException e) {
            log.warn("pruning the handled marks failed; trying again in {}: {}", PERIOD, e.toString());
        }
    }

    /** Stops the schedule and waits for a batch in progress, so the database can be closed after it. */
    @Override
    public void close() {
        executor.shutdownNow(); // interrupts a run, which stops between batches
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("housekeeping did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
