package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.testkit.EveryMinutes;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SqliteScheduleStore} on real SQLite with the real migrations. */
class SqliteScheduleStoreTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00.250Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(T0);

    private SqliteScheduleStore store() {
        return new SqliteScheduleStore(testDb.db(), EveryMinutes::decode, clock);
    }

    private static ScheduleItem once(String id, String ref, Instant at) {
        return ScheduleItem.once(id, "sync", "go", ref, ROOM, at, MisfirePolicy.MISS_IF_LATE, Duration.ofSeconds(30));
    }

    private static ScheduleItem recurring(String id, Instant at) {
        return new ScheduleItem(id, "rotation", "prompt", "r1", null, at, new EveryMinutes(60, at),
                MisfirePolicy.SKIP_TO_NEXT, Duration.ofMinutes(5), ScheduleItem.State.SCHEDULED);
    }

    @Test
    void roundTripsOneShotAndRecurringItems() {
        SqliteScheduleStore store = store();
        ScheduleItem oneShot = once("sync:1:go", "1", T0);
        ScheduleItem recurring = recurring("rot:1", T0.plusSeconds(60));
        store.save(oneShot);
        store.save(recurring);

        assertEquals(Optional.of(oneShot), store.find("sync:1:go"));
        assertEquals(Optional.of(recurring), store.find("rot:1"));
        assertEquals(Optional.empty(), store.find("nope"));
    }

    @Test
    void saveReplacesTheItemWithTheSameId() {
        SqliteScheduleStore store = store();
        store.save(once("a", "1", T0));
        ScheduleItem moved = once("a", "1", T0.plusSeconds(5)).withState(ScheduleItem.State.DONE);
        store.save(moved);
        assertEquals(Optional.of(moved), store.find("a"));
    }

    @Test
    void scheduledListsOnlyScheduledItemsByFireTime() {
        SqliteScheduleStore store = store();
        store.save(once("late", "1", T0.plusSeconds(20)));
        store.save(once("early", "1", T0.plusSeconds(10)));
        store.save(once("done", "1", T0).withState(ScheduleItem.State.DONE));
        store.save(once("cancelled", "1", T0).withState(ScheduleItem.State.CANCELLED));
        store.save(once("missed", "1", T0).withState(ScheduleItem.State.MISSED));

        assertEquals(List.of("early", "late"), store.scheduled().stream().map(ScheduleItem::id).toList());
    }

    @Test
    void byRefListsTheFeatureObjectsItemsInAnyState() {
        SqliteScheduleStore store = store();
        store.save(once("b", "42", T0.plusSeconds(20)));
        store.save(once("a", "42", T0.plusSeconds(10)).withState(ScheduleItem.State.DONE));
        store.save(once("other-ref", "43", T0));
        store.save(new ScheduleItem("other-feature", "vote", "close", "42", ROOM, T0, null,
                MisfirePolicy.RUN_LATE, Duration.ZERO, ScheduleItem.State.SCHEDULED));

        assertEquals(List.of("a", "b"), store.byRef("sync", "42").stream().map(ScheduleItem::id).toList());
    }

    @Test
    void anOccurrenceIsMarkedOnce() {
        SqliteScheduleStore store = store();
        assertTrue(store.markOccurrence("a", T0));
        assertFalse(store.markOccurrence("a", T0));
        assertTrue(store.markOccurrence("a", T0.plusSeconds(60)), "another occurrence");
        assertTrue(store.markOccurrence("b", T0), "another item");
        assertEquals(List.of("a|" + T0.toEpochMilli() + "|ran|" + T0.toEpochMilli()), runs("a", T0));
    }

    @Test
    void aMissedOrSkippedOccurrenceIsRecordedAndCannotRunLater() {
        SqliteScheduleStore store = store();
        clock.advance(Duration.ofHours(2));
        assertTrue(store.recordMiss("a", T0, "missed"));
        assertFalse(store.markOccurrence("a", T0));
        assertFalse(store.recordMiss("a", T0, "skipped"));
        assertTrue(store.recordMiss("b", T0, "skipped"));

        long ranAt = clock.instant().toEpochMilli();
        assertEquals(List.of("a|" + T0.toEpochMilli() + "|missed|" + ranAt), runs("a", T0));
        assertEquals(List.of("b|" + T0.toEpochMilli() + "|skipped|" + ranAt), runs("b", T0));
    }

    @Test
    void recordMissRejectsOtherOutcomes() {
        assertThrows(IllegalArgumentException.class, () -> store().recordMiss("a", T0, "ran"));
    }

    @Test
    void anUnreadableRecurrenceNamesTheItem() {
        store().save(recurring("rot:1", T0));
        SqliteScheduleStore blind = new SqliteScheduleStore(testDb.db(), text -> {
            throw new IllegalArgumentException("unknown rule");
        }, clock);
        StorageException e = assertThrows(StorageException.class, () -> blind.find("rot:1"));
        assertTrue(e.getMessage().contains("rot:1"), e.getMessage());
    }

    @Test
    void joinsTheCallersTransaction() {
        SqliteScheduleStore store = store();
        assertThrows(IllegalStateException.class, () -> testDb.db().run(() -> {
            store.save(once("a", "1", T0));
            store.markOccurrence("a", T0);
            throw new IllegalStateException("roll back");
        }));
        assertEquals(Optional.empty(), store.find("a"));
        assertTrue(store.markOccurrence("a", T0));
    }

    private List<String> runs(String itemId, Instant occurrence) {
        return new Sql(testDb.db()).list(
                "SELECT item_id, occurrence, outcome, ran_at FROM schedule_runs WHERE item_id = ? AND occurrence = ?",
                row -> row.getString(1) + "|" + row.getLong(2) + "|" + row.getString(3) + "|" + row.getLong(4),
                itemId, occurrence.toEpochMilli());
    }
}
