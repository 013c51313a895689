package org.assemblybot.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.EveryMinutes;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The Scheduler with a fake clock, a manual trigger runner and the real SQLite store: T1, T2, T4 without
 * sleeping. "Now" is only ever moved by the test.
 */
class SchedulerTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(1);

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(T0);
    private final Recording handler = new Recording();
    private final List<String> afterRuns = new ArrayList<>();
    private ManualJobScheduler jobs;
    private SqliteScheduleStore store;
    private Scheduler scheduler;

    /** Records every call; can write through a store and fail, to show what a rollback undoes. */
    private final class Recording implements DueHandler {
        record Call(String itemId, Instant occurrence, Duration late) {
        }

        final List<Call> due = new ArrayList<>();
        final List<Call> missed = new ArrayList<>();
        boolean failing;

        @Override
        public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
            // An effect in the same transaction, which a failure must undo.
            new SqliteRoomSettings(testDb.db()).setZone(ROOM, ZoneId.of("Europe/Berlin"));
            if (failing) {
                throw new IllegalStateException("handler failure");
            }
            due.add(new Call(item.id(), occurrence, late));
        }

        @Override
        public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
            missed.add(new Call(item.id(), occurrence, late));
        }

        final List<String> gaveUp = new ArrayList<>();

        @Override
        public void onGaveUp(ScheduleItem item, Instant occurrence, String errorId) {
            gaveUp.add(item.id() + " " + occurrence + " " + errorId);
        }
    }

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger schedulerLog = (Logger) LoggerFactory.getLogger(Scheduler.class);

    @BeforeEach
    void setUp() {
        // Captured at the most verbose level (P2); not additive, so expected errors stay out of the build output.
        schedulerLog.setLevel(Level.TRACE);
        schedulerLog.setAdditive(false);
        logs.start();
        schedulerLog.addAppender(logs);
        startScheduler();
    }

    @AfterEach
    void releaseLogs() {
        schedulerLog.detachAppender(logs);
        schedulerLog.setLevel(null);
        schedulerLog.setAdditive(true);
    }

    /** A (new) scheduler over the test's database, as after a restart. */
    private void startScheduler() {
        Database db = testDb.db();
        jobs = new ManualJobScheduler();
        store = new SqliteScheduleStore(db, EveryMinutes::decode, clock);
        scheduler = new Scheduler(store, jobs, db, clock, () -> {
            db.checkpoint(); // throws inside a transaction: afterRun must come after the commit
            afterRuns.add("after");
        });
        scheduler.register("test", handler);
        scheduler.start();
    }

    private static ScheduleItem once(String id, Instant at, MisfirePolicy policy) {
        return ScheduleItem.once(id, "test", "go", "ref-1", ROOM, at, policy, GRACE);
    }

    private static ScheduleItem every(String id, int minutes, Instant first, MisfirePolicy policy) {
        return new ScheduleItem(id, "test", "prompt", "ref-2", ROOM, first, new EveryMinutes(minutes, first),
                policy, GRACE, ScheduleItem.State.SCHEDULED);
    }

    /** Moves the clock to {@code at} and fires what is due. */
    private void runAt(Instant at) {
        clock.set(at);
        jobs.runDue(at);
    }

    private ScheduleItem.State state(String id) {
        return store.find(id).orElseThrow().state();
    }

    private Optional<ZoneId> handlerEffect() {
        return new SqliteRoomSettings(testDb.db()).zone(ROOM);
    }

    private List<String> runOutcomes(String id) {
        return new Sql(testDb.db()).list("SELECT outcome FROM schedule_runs WHERE item_id = ? ORDER BY occurrence",
                row -> row.getString(1), id);
    }

    private static Recording.Call call(String id, Instant occurrence, Duration late) {
        return new Recording.Call(id, occurrence, late);
    }

    @Test
    void runsOnTimeOnceAndIsDone() {
        Instant at = T0.plus(Duration.ofMinutes(10));
        scheduler.schedule(once("a", at, MisfirePolicy.MISS_IF_LATE));

        runAt(at.minusMillis(1));
        assertEquals(List.of(), handler.due, "not before its time");

        runAt(at);
        runAt(at.plus(Duration.ofHours(1)));
        assertEquals(List.of(call("a", at, Duration.ZERO)), handler.due);
        assertEquals(ScheduleItem.State.DONE, state("a"));
        assertEquals(List.of("ran"), runOutcomes("a"));
        assertEquals(List.of("after"), afterRuns);
        assertEquals(Map.of(), jobs.pending());
    }

    @Test
    void theSameTriggerFiredTwiceRunsOnce() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));
        clock.set(at);

        scheduler.fire(new JobKey("a"), at);
        scheduler.fire(new JobKey("a"), at);

        assertEquals(1, handler.due.size());
    }

    @Test
    void anOccurrenceThatAlreadyRanDoesNotRunAgainWhenScheduledAnew() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));
        runAt(at);
        // The feature saves the same item for the same instant again (e.g. replaying its own command).
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));
        runAt(at.plusSeconds(1));

        assertEquals(1, handler.due.size());
        assertEquals(ScheduleItem.State.DONE, state("a"), "it still moves past the occurrence");
    }

    @Test
    void aTriggerWhoseTransactionRolledBackDoesNotRun() {
        Instant at = T0.plusSeconds(60);
        assertThrows(IllegalStateException.class, () -> testDb.db().run(() -> {
            scheduler.schedule(once("ghost", at, MisfirePolicy.RUN_LATE));
            throw new IllegalStateException("the command failed");
        }));
        assertEquals(Set.of(new JobKey("ghost")), jobs.pending().keySet(), "the trigger outlived the rollback");

        runAt(at);

        assertEquals(List.of(), handler.due);
        assertEquals(Optional.empty(), store.find("ghost"));
        assertEquals(List.of(), afterRuns);
    }

    @Test
    void runLateRunsHoweverLateWithItsLateness() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));

        runAt(at.plus(Duration.ofHours(3)));

        assertEquals(List.of(call("a", at, Duration.ofHours(3))), handler.due);
        assertEquals(ScheduleItem.State.DONE, state("a"));
    }

    @Test
    void missIfLateRunsWithinTheGrace() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("go", at, MisfirePolicy.MISS_IF_LATE));

        runAt(at.plus(GRACE));

        assertEquals(List.of(call("go", at, GRACE)), handler.due);
        assertEquals(List.of(), handler.missed);
    }

    @Test
    void missIfLateBeyondTheGraceIsReportedOnceAndNeverRun() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("go", at, MisfirePolicy.MISS_IF_LATE));
        Duration late = GRACE.plusMillis(1);

        runAt(at.plus(late));
        scheduler.fire(new JobKey("go"), at); // fired again: still once
        runAt(at.plus(Duration.ofDays(1)));

        assertEquals(List.of(), handler.due);
        assertEquals(List.of(call("go", at, late)), handler.missed);
        assertEquals(ScheduleItem.State.MISSED, state("go"));
        assertEquals(List.of("missed"), runOutcomes("go"));
        assertEquals(Optional.empty(), handlerEffect());
        assertEquals(List.of("after"), afterRuns, "a miss commits too (the handler may queue a notice)");
    }

    @Test
    void theMetricsCountStepsOnTimeLateAndMissedPerFeatureAfterTheCommit() {
        List<String> counted = new ArrayList<>();
        scheduler.observe(new org.assemblybot.core.ops.Metrics() {
            @Override
            public void stepOnTime(String feature) {
                counted.add(feature + " on_time");
            }

            @Override
            public void stepLate(String feature) {
                counted.add(feature + " late");
            }

            @Override
            public void stepMissed(String feature) {
                counted.add(feature + " missed");
            }
        });
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("on-time", at, MisfirePolicy.MISS_IF_LATE));
        scheduler.schedule(once("late", at, MisfirePolicy.RUN_LATE));
        runAt(at);
        scheduler.schedule(once("missed", at.plusSeconds(60), MisfirePolicy.MISS_IF_LATE));
        scheduler.schedule(once("late2", at.plusSeconds(60), MisfirePolicy.RUN_LATE));
        runAt(at.plus(Duration.ofHours(1)));
        handler.failing = true;
        scheduler.schedule(once("rolled-back", at.plus(Duration.ofHours(2)), MisfirePolicy.RUN_LATE));
        runAt(at.plus(Duration.ofHours(2)));

        assertEquals(List.of("test on_time", "test on_time", "test missed", "test late"), counted);
    }

    @Test
    void skipToNextAfterALongGapSaysSoOnceThenRunsNormally() {
        Instant first = T0.plus(Duration.ofHours(1));
        scheduler.schedule(every("prompt", 60, first, MisfirePolicy.SKIP_TO_NEXT));

        // Down for ten hours: the trigger fires late once.
        Instant back = first.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(5));
        runAt(back);

        assertEquals(List.of(), handler.due);
        assertEquals(List.of(call("prompt", first, Duration.ofHours(10).plus(Duration.ofMinutes(5)))), handler.missed);
        Instant next = first.plus(Duration.ofHours(11));
        assertEquals(next, store.find("prompt").orElseThrow().fireAt(), "the first occurrence after now");
        assertEquals(Map.of(new JobKey("prompt"), next), jobs.pending());
        assertEquals(List.of("skipped"), runOutcomes("prompt"));

        runAt(next);
        runAt(next.plus(Duration.ofHours(1)).plusSeconds(10));

        assertEquals(List.of(call("prompt", next, Duration.ZERO),
                call("prompt", next.plus(Duration.ofHours(1)), Duration.ofSeconds(10))), handler.due);
        assertEquals(1, handler.missed.size());
        assertEquals(ScheduleItem.State.SCHEDULED, state("prompt"));
        assertEquals(next.plus(Duration.ofHours(2)), store.find("prompt").orElseThrow().fireAt());
    }

    @Test
    void aRecurringItemRunLateRunsOnceAndContinuesAfterNow() {
        Instant first = T0.plus(Duration.ofMinutes(10));
        scheduler.schedule(every("r", 10, first, MisfirePolicy.RUN_LATE));

        runAt(first.plus(Duration.ofMinutes(35)));

        assertEquals(List.of(call("r", first, Duration.ofMinutes(35))), handler.due);
        assertEquals(first.plus(Duration.ofMinutes(40)), store.find("r").orElseThrow().fireAt());
    }

    @Test
    void aFailingHandlerIsRolledBackRetriedAFewTimesThenAfterARestart() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));
        handler.failing = true;

        runAt(at);

        assertEquals(Optional.empty(), handlerEffect(), "its writes are gone");
        assertEquals(ScheduleItem.State.SCHEDULED, state("a"));
        assertEquals(List.of(), runOutcomes("a"));
        assertEquals(Map.of(new JobKey("a"), at.plusSeconds(30)), jobs.pending(), "retried after a pause");
        runAt(at.plusSeconds(30));
        assertEquals(Map.of(new JobKey("a"), at.plusSeconds(90)), jobs.pending(), "a longer pause each time");
        runAt(at.plusSeconds(90));
        runAt(at.plusSeconds(180));
        assertEquals(Map.of(), jobs.pending(), "after three retries no new trigger: no hot loop");
        List<ILoggingEvent> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertEquals(1, errors.size(), "one ERROR line for the operator when it gives up; the retries are warnings");
        assertEquals(3, logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count());
        String logged = errors.get(0).getFormattedMessage() + ThrowableProxyUtil.asString(errors.get(0).getThrowableProxy());
        assertTrue(logged.contains("scheduled item a failed 4 times"), logged);
        assertTrue(logged.contains("handler failure"), "the exception is logged");
        assertEquals(1, handler.gaveUp.size(), "the feature is told once, to tell the room");
        String errorId = handler.gaveUp.get(0).substring(handler.gaveUp.get(0).lastIndexOf(' ') + 1);
        assertTrue(logged.contains("error id " + errorId), "the room's error id matches the log line");
        assertTrue(handler.gaveUp.get(0).startsWith("a " + at), handler.gaveUp.get(0));
        assertEquals(1, afterRuns.size(), "what the feature queued is sent");

        handler.failing = false;
        startScheduler();
        assertEquals(1, scheduler.rehydrate());
        runAt(at.plus(Duration.ofMinutes(5)));

        assertEquals(List.of(call("a", at, Duration.ofMinutes(5))), handler.due);
        assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), handlerEffect());
        assertEquals(ScheduleItem.State.DONE, state("a"));
    }

    @Test
    void aPassingFailureIsOvercomeByTheFirstRetry() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(ScheduleItem.once("a", "test", "go", "ref-1", ROOM, at, MisfirePolicy.MISS_IF_LATE,
                Duration.ofMinutes(1)));
        handler.failing = true;
        runAt(at);
        handler.failing = false;
        runAt(at.plusSeconds(30));

        assertEquals(List.of(call("a", at, Duration.ofSeconds(30))), handler.due, "ran late, within its grace");
        assertEquals(ScheduleItem.State.DONE, state("a"));
        assertEquals(Map.of(), jobs.pending());
    }

    @Test
    void aFeatureWithoutAHandlerLeavesItsItemScheduled() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(ScheduleItem.once("x", "unknown-feature", "go", "r", ROOM, at, MisfirePolicy.RUN_LATE, GRACE));

        runAt(at);

        assertEquals(ScheduleItem.State.SCHEDULED, state("x"));
        assertEquals(List.of(), runOutcomes("x"));
    }

    @Test
    void aCancelledItemNeverFires() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));

        Optional<ScheduleItem> cancelled = scheduler.cancel("a");

        assertEquals(ScheduleItem.State.CANCELLED, cancelled.orElseThrow().state());
        assertEquals(Optional.empty(), scheduler.cancel("a"), "nothing left to cancel");
        assertEquals(Optional.empty(), scheduler.cancel("unknown"));
        runAt(at.plus(Duration.ofDays(1)));
        assertEquals(List.of(), handler.due);
        assertEquals(ScheduleItem.State.CANCELLED, state("a"));
    }

    @Test
    void cancelByRefCancelsTheScheduledItemsOfThatObjectOnly() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(ScheduleItem.once("v:1:notice", "test", "notice", "v1", ROOM, at, MisfirePolicy.RUN_LATE, GRACE));
        scheduler.schedule(ScheduleItem.once("v:1:go", "test", "go", "v1", ROOM, at.plusSeconds(60),
                MisfirePolicy.MISS_IF_LATE, GRACE));
        scheduler.schedule(ScheduleItem.once("v:2:go", "test", "go", "v2", ROOM, at, MisfirePolicy.RUN_LATE, GRACE));
        scheduler.schedule(ScheduleItem.once("other", "other-feature", "go", "v1", ROOM, at, MisfirePolicy.RUN_LATE, GRACE));

        List<ScheduleItem> cancelled = scheduler.cancelByRef("test", "v1");

        assertEquals(List.of("v:1:notice", "v:1:go"), cancelled.stream().map(ScheduleItem::id).toList());
        assertTrue(cancelled.stream().allMatch(i -> i.state() == ScheduleItem.State.CANCELLED));
        runAt(at.plus(Duration.ofHours(1)));
        assertEquals(List.of("v:2:go"), handler.due.stream().map(Recording.Call::itemId).toList());
        assertEquals(ScheduleItem.State.SCHEDULED, state("other"), "another feature's object with the same ref");
    }

    @Test
    void rescheduleMovesTheItemLaterOrEarlier() {
        Instant at = T0.plus(Duration.ofMinutes(10));
        scheduler.schedule(once("later", at, MisfirePolicy.MISS_IF_LATE));
        scheduler.schedule(once("earlier", at, MisfirePolicy.MISS_IF_LATE));

        assertEquals(at.plus(Duration.ofMinutes(30)),
                scheduler.reschedule("later", at.plus(Duration.ofMinutes(30))).orElseThrow().fireAt());
        scheduler.reschedule("earlier", at.minus(Duration.ofMinutes(5)));
        assertEquals(Optional.empty(), scheduler.reschedule("unknown", at));

        runAt(at.minus(Duration.ofMinutes(5)));
        assertEquals(List.of(call("earlier", at.minus(Duration.ofMinutes(5)), Duration.ZERO)), handler.due);
        runAt(at);
        assertEquals(1, handler.due.size(), "the old time no longer fires");
        runAt(at.plus(Duration.ofMinutes(30)));
        assertEquals(call("later", at.plus(Duration.ofMinutes(30)), Duration.ZERO), handler.due.get(1));
        assertEquals(List.of(), handler.missed);
    }

    @Test
    void aStaleTriggerForAMovedItemIsIgnored() {
        Instant at = T0.plusSeconds(60);
        scheduler.schedule(once("a", at, MisfirePolicy.RUN_LATE));
        scheduler.reschedule("a", at.plus(Duration.ofHours(1)));
        clock.set(at);

        scheduler.fire(new JobKey("a"), at); // e.g. Quartz was already running the old trigger

        assertEquals(List.of(), handler.due);
        assertEquals(Map.of(new JobKey("a"), at.plus(Duration.ofHours(1))), jobs.pending());
    }

    @Test
    void rehydrateAfterARestartSetsExactlyTheScheduledItems() {
        Instant at = T0.plus(Duration.ofMinutes(10));
        scheduler.schedule(once("waiting", at, MisfirePolicy.MISS_IF_LATE));
        scheduler.schedule(every("recurring", 30, at.plusSeconds(60), MisfirePolicy.SKIP_TO_NEXT));
        scheduler.schedule(once("cancelled", at, MisfirePolicy.RUN_LATE));
        scheduler.cancel("cancelled");
        scheduler.schedule(once("done", T0, MisfirePolicy.RUN_LATE));
        runAt(T0);
        assertEquals(1, handler.due.size());

        startScheduler(); // a new process over the same database: no triggers in memory
        assertEquals(Map.of(), jobs.pending());
        assertEquals(2, scheduler.rehydrate());

        assertEquals(Map.of(new JobKey("waiting"), at, new JobKey("recurring"), at.plusSeconds(60)), jobs.pending());
        runAt(at.plusSeconds(60));
        assertEquals(List.of("done", "waiting", "recurring"),
                handler.due.stream().map(Recording.Call::itemId).toList());
    }

    @Test
    void afterRunComesAfterEachCommittedRun() {
        scheduler.schedule(once("a", T0.plusSeconds(1), MisfirePolicy.RUN_LATE));
        scheduler.schedule(once("b", T0.plusSeconds(2), MisfirePolicy.RUN_LATE));

        runAt(T0.plusSeconds(5));

        // The checkpoint inside afterRun would have thrown inside a transaction.
        assertEquals(List.of("after", "after"), afterRuns);
    }

    @Test
    void shutdownStopsTheJobScheduler() {
        scheduler.shutdown();
        assertTrue(jobs.isShutDown());
    }

    @Test
    void aFeatureRegistersOneHandler() {
        assertThrows(IllegalStateException.class, () -> scheduler.register("test", handler));
    }
}
