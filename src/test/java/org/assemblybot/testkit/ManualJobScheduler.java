package org.assemblybot.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.schedule.JobKey;
import org.assemblybot.core.schedule.JobScheduler;

/**
 * A {@link JobScheduler} that fires only when a test says so: {@link #runDue} fires, in time order, every
 * trigger due at or before the given instant — also triggers set while running — on the test's thread.
 * Like Quartz, a trigger is gone once fired, and setting a key again replaces its trigger.
 */
public final class ManualJobScheduler implements JobScheduler {
    /** A fired trigger, for assertions. */
    public record Fired(JobKey key, Instant scheduledFor) {
    }

    private static final int MAX_FIRES_PER_RUN = 10_000;

    private final Map<JobKey, Instant> triggers = new LinkedHashMap<>();
    private final List<Fired> fired = new ArrayList<>();
    private Handler handler;
    private boolean shutDown;

    @Override
    public synchronized void start(Handler newHandler) {
        this.handler = newHandler;
    }

    @Override
    public synchronized void scheduleAt(JobKey key, Instant at) {
        triggers.remove(key); // replacing moves it to the end, as the newest trigger
        triggers.put(key, at);
    }

    @Override
    public synchronized void cancel(JobKey key) {
        triggers.remove(key);
    }

    @Override
    public synchronized void shutdown() {
        shutDown = true;
    }

    /** Fires every trigger due at or before {@code now}, earliest first; returns how many fired. */
    public int runDue(Instant now) {
        int count = 0;
        while (true) {
            Optional<Map.Entry<JobKey, Instant>> next;
            Handler current;
            synchronized (this) {
                if (handler == null) {
                    throw new IllegalStateException("runDue before start(handler)");
                }
                if (shutDown) {
                    return count;
                }
                next = triggers.entrySet().stream()
                        .filter(e -> !e.getValue().isAfter(now))
                        .min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                        .map(e -> Map.entry(e.getKey(), e.getValue()));
                next.ifPresent(e -> {
                    triggers.remove(e.getKey());
                    fired.add(new Fired(e.getKey(), e.getValue()));
                });
                current = handler;
            }
            if (next.isEmpty()) {
                return count;
            }
            if (++count > MAX_FIRES_PER_RUN) {
                throw new IllegalStateException("more than " + MAX_FIRES_PER_RUN + " fires in one runDue: a hot loop?");
            }
            current.fire(next.get().getKey(), next.get().getValue());
        }
    }

    /**
     * Moves {@code clock} to every trigger time up to {@code end} in turn, as a live scheduler would, firing
     * what is due at each; then to {@code end}.
     */
    public void advanceTo(MutableClock clock, Instant end) {
        while (true) {
            Optional<Instant> next = pending().values().stream().filter(at -> !at.isAfter(end))
                    .min(Comparator.naturalOrder());
            if (next.isEmpty()) {
                break;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            runDue(clock.instant());
        }
        clock.set(end);
        runDue(end);
    }

    /** The triggers not yet fired, by key. */
    public synchronized Map<JobKey, Instant> pending() {
        return Map.copyOf(triggers);
    }

    /** Every trigger fired so far, in order. */
    public synchronized List<Fired> fired() {
        return List.copyOf(fired);
    }

    public synchronized boolean isShutDown() {
        return shutDown;
    }
}
