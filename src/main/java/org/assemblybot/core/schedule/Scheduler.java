package org.assemblybot.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs scheduled items. The {@link ScheduleStore} is the source of truth (T1); the
 * {@link JobScheduler} only holds triggers, rebuilt by {@link #rehydrate()} at startup. Every trigger that
 * fires is checked against the stored item, so a trigger that outlived its item (cancelled, moved, or
 * saved in a transaction that rolled back) does nothing.
 *
 * <p>A firing runs in one transaction: the run record ({@link ScheduleStore#markOccurrence}, T4), the
 * feature's effects (its {@link DueHandler}) and the item's next state commit together or not at all.
 * The misfire policy (T2) is applied here, with the injected clock, not by the JobScheduler.
 */
public final class Scheduler implements JobScheduler.Handler {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final ScheduleStore store;
    private final JobScheduler jobs;
    private final Transactions tx;
    private final Clock clock;
    private final Runnable afterRun;
    private final Map<String, DueHandler> handlers = new ConcurrentHashMap<>();

    /**
     * @param afterRun runs after each firing that committed a run or a miss, e.g. to flush the outbox;
     *                 its failures are logged, never undo the commit
     */
    /** Retries after a failed run, each after a longer pause (30 s, 60 s, 90 s). */
    static final int MAX_RETRIES = 3;
    static final Duration RETRY_PAUSE = Duration.ofSeconds(30);
    private final java.util.Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Metrics metrics = Metrics.NOOP;

    public Scheduler(ScheduleStore store, JobScheduler jobs, Transactions tx, Clock clock, Runnable afterRun) {
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterRun = Objects.requireNonNull(afterRun, "afterRun");
    }

    /** Counts the steps run on time, run late and missed, per feature, once their firing committed. */
    public void observe(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The handler for the items whose {@link ScheduleItem#feature()} is {@code feature}; one per feature. */
    public void register(String feature, DueHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (handlers.putIfAbsent(feature, handler) != null) {
            throw new IllegalStateException("a due handler for feature '" + feature + "' is already registered");
        }
    }

    /**
     * Saves the item (replacing one with the same id) and sets its trigger, inside the caller's transaction
     * if there is one. If that transaction rolls back, the trigger still fires but finds no such item.
     */
    public void schedule(ScheduleItem item) {
        if (item.state() != ScheduleItem.State.SCHEDULED) {
            throw new IllegalArgumentException("only a SCHEDULED item can be scheduled, not " + item.state());
        }
        tx.run(() -> store.save(item));
        jobs.scheduleAt(key(item.id()), item.fireAt());
    }

    /**
     * Cancels the item if it is still scheduled; returns it, now CANCELLED, or empty when there was nothing
     * to cancel.
     *
     * <p>The trigger is deliberately left in place: when it fires it finds the item CANCELLED and does
     * nothing. Removing it here is unsafe, because this usually runs inside the caller's transaction: if
     * that rolls back, the item is SCHEDULED again but would have no trigger until the next restart.
     */
    public Optional<ScheduleItem> cancel(String id) {
        return tx.inTransaction(() -> store.find(id)
                .filter(Scheduler::isScheduled)
                .map(this::markCancelled));
    }

    /**
     * Cancels every still scheduled item of the feature's object {@code ref}; returns them, now CANCELLED.
     * Triggers stay, as in {@link #cancel}.
     */
    public List<ScheduleItem> cancelByRef(String feature, String ref) {
        return tx.inTransaction(() -> store.byRef(feature, ref).stream()
                .filter(Scheduler::isScheduled)
                .map(this::markCancelled)
                .toList());
    }

    private ScheduleItem markCancelled(ScheduleItem item) {
        ScheduleItem cancelled = item.withState(ScheduleItem.State.CANCELLED);
        store.save(cancelled);
        return cancelled;
    }

    /**
     * Moves a scheduled item to {@code newFireAt} and replaces its trigger; returns the moved item, or empty
     * when no such item is scheduled.
     */
    public Optional<ScheduleItem> reschedule(String id, Instant newFireAt) {
        Optional<ScheduleItem> moved = tx.inTransaction(() -> store.find(id)
                .filter(Scheduler::isScheduled)
                .map(item -> {
                    ScheduleItem next = item.withFireAt(newFireAt);
                    store.save(next);
                    return next;
                }));
        moved.ifPresent(item -> jobs.scheduleAt(key(item.id()), item.fireAt()));
        return moved;
    }

    /** Sets a trigger for every SCHEDULED item in the store (T1); call once at startup. Returns how many. */
    public int rehydrate() {
        List<ScheduleItem> items = tx.inTransaction(store::scheduled);
        items.forEach(item -> jobs.scheduleAt(key(item.id()), item.fireAt()));
        log.info("rehydrated {} scheduled items", items.size());
        return items.size();
    }

    public void start() {
        jobs.start(this);
    }

    /** Stops firing and lets a running firing finish (T5). */
    public void shutdown() {
        jobs.shutdown();
    }

    /** What a firing decided, and the triggers to set once it committed. */
    private record Result(boolean committedARun, List<ScheduleItem> toTrigger) {
        static final Result NOTHING = new Result(false, List.of());
    }

    /** Called by the JobScheduler; never throws. */
    @Override
    public void fire(JobKey key, Instant scheduledFor) {
        Result result;
        try {
            result = tx.inTransaction(() -> fireInTransaction(key.itemId(), scheduledFor));
        } catch (RuntimeException e) {
            // Rolled back: the item stays SCHEDULED at this occurrence. A passing fault (a busy database, the
            // homeserver away) deserves a few retries after a pause; then it waits for rehydrate() at the next
            // start — never a hot loop. Its misfire policy still judges how late a retry may run. Only ids (P2).
            int attempt = failures.merge(key.itemId(), 1, Integer::sum);
            if (attempt <= MAX_RETRIES) {
                Duration pause = RETRY_PAUSE.multipliedBy(attempt);
                log.warn("scheduled item {} failed and was rolled back; retry {} of {} in {} s", key.itemId(),
                        attempt, MAX_RETRIES, pause.toSeconds(), e);
                jobs.scheduleAt(key, clock.instant().plus(pause));
            } else {
                failures.remove(key.itemId());
                giveUp(key.itemId(), e);
            }
            return;
        }
        failures.remove(key.itemId());
        // Triggers only after the commit: one set inside a transaction that then fails would fire a ghost.
        result.toTrigger().forEach(item -> jobs.scheduleAt(key(item.id()), item.fireAt()));
        if (result.committedARun()) {
            try {
                afterRun.run();
            } catch (RuntimeException e) {
                log.warn("after-run step for scheduled item {} failed: {}", key.itemId(), e.toString());
            }
        }
    }

    /**
     * The last retry failed too: one ERROR line for the operator, with an error id, and the feature tells the
     * room. The item stays scheduled, so the next start tries once more (its misfire policy still applies).
     */
    private void giveUp(String itemId, RuntimeException failure) {
        String errorId = "S" + Long.toString(Math.abs((itemId + clock.millis()).hashCode()) % 1_000_000, 36)
                .toUpperCase(java.util.Locale.ROOT);
        log.error("scheduled item {} failed {} times and was rolled back each time; given up until the next "
                + "start (error id {})", itemId, MAX_RETRIES + 1, errorId, failure);
        try {
            tx.run(() -> store.find(itemId).filter(Scheduler::isScheduled).ifPresent(item -> {
                DueHandler handler = handlers.get(item.feature());
                if (handler != null) {
                    handler.onGaveUp(item, item.fireAt(), errorId);
                }
            }));
            afterRun.run();
        } catch (RuntimeException e) {
            log.warn("telling the room that scheduled item {} failed did not work either: {}", itemId, e.toString());
        }
    }

    private Result fireInTransaction(String id, Instant scheduledFor) {
        Instant now = clock.instant();
        Optional<ScheduleItem> found = store.find(id);
        if (found.isEmpty() || !isScheduled(found.get())) {
            log.debug("trigger for {} ignored: no such scheduled item", id);
            return Result.NOTHING;
        }
        ScheduleItem item = found.get();
        if (item.fireAt().isAfter(now)) {
            // Stale trigger (the item moved later, or a move rolled back): make sure the real one is set.
            log.debug("trigger for {} at {} ignored: the item is due at {}", id, scheduledFor, item.fireAt());
            return new Result(false, List.of(item));
        }
        DueHandler handler = handlers.get(item.feature());
        if (handler == null) {
            log.warn("no due handler for feature '{}'; item {} stays scheduled", item.feature(), id);
            return Result.NOTHING;
        }
        Instant occurrence = item.fireAt();
        Duration late = Duration.between(occurrence, now);
        boolean onTime = late.compareTo(item.grace()) <= 0;
        if (onTime || item.misfire() == MisfirePolicy.RUN_LATE) {
            if (store.markOccurrence(id, occurrence)) {
                handler.onDue(item, occurrence, late);
                Metrics counted = metrics;
                tx.afterCommit(() -> {
                    if (onTime) {
                        counted.stepOnTime(item.feature());
                    } else {
                        counted.stepLate(item.feature());
                    }
                });
            } else {
                log.info("occurrence {} of {} already ran; not running it again", occurrence, id);
            }
            return advance(id, occurrence, now, ScheduleItem.State.DONE);
        }
        // Too late, and the policy says not to run it: record it and say so once, for the whole gap.
        String outcome = item.misfire() == MisfirePolicy.MISS_IF_LATE ? "missed" : "skipped";
        if (store.recordMiss(id, occurrence, outcome)) {
            log.info("occurrence {} of {} {} ({} late, grace {})", occurrence, id, outcome, late, item.grace());
            handler.onMissed(item, occurrence, late);
            Metrics counted = metrics;
            tx.afterCommit(() -> counted.stepMissed(item.feature()));
        }
        return advance(id, occurrence, now, ScheduleItem.State.MISSED);
    }

    /**
     * Moves the item past this occurrence: a recurring item to its first occurrence after both the one
     * handled and now; a one-shot item (or a recurrence that ended) to {@code endState}. Leaves the item
     * alone if the handler already changed it (cancelled or moved it itself).
     */
    private Result advance(String id, Instant occurrence, Instant now, ScheduleItem.State endState) {
        Optional<ScheduleItem> current = store.find(id);
        if (current.isEmpty() || !isScheduled(current.get()) || !current.get().fireAt().equals(occurrence)) {
            return new Result(true, current.filter(Scheduler::isScheduled).stream().toList());
        }
        ScheduleItem item = current.get();
        Optional<Instant> next = item.recurrence() == null ? Optional.empty()
                : item.recurrence().next(occurrence.isAfter(now) ? occurrence : now);
        if (next.isEmpty()) {
            store.save(item.withState(endState));
            return new Result(true, List.of());
        }
        ScheduleItem following = item.withFireAt(next.get());
        store.save(following);
        return new Result(true, List.of(following));
    }

    private static boolean isScheduled(ScheduleItem item) {
        return item.state() == ScheduleItem.State.SCHEDULED;
    }

    private static JobKey key(String itemId) {
        return new JobKey(itemId);
    }
}
