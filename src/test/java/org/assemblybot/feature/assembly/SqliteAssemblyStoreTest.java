package org.assemblybot.feature.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store on real SQLite with the real migrations. */
class SqliteAssemblyStoreTest {
    private static final RoomId ROOM = new RoomId("!a:example.org");
    private static final RoomId OTHER = new RoomId("!b:example.org");
    private static final Instant NOW = Instant.parse("2026-10-01T10:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();
    private SqliteAssemblyStore store;

    @BeforeEach
    void setUp() {
        store = new SqliteAssemblyStore(testDb.db());
    }

    private static AssemblyStore.Rhythm weekly(RoomId room, DayOfWeek day, List<Duration> notices) {
        return new AssemblyStore.Rhythm(room, Recurrences.fromUserText("every " + day + " 19:00",
                ZoneId.of("Europe/Berlin")), Duration.ofHours(2), notices);
    }

    @Test
    void oneRhythmARoomReplacedAndEnded() {
        assertTrue(store.rhythm(ROOM).isEmpty());
        store.setRhythm(weekly(ROOM, DayOfWeek.FRIDAY, List.of(Duration.ofHours(24), Duration.ofHours(1))), NOW);
        store.setRhythm(weekly(ROOM, DayOfWeek.MONDAY, List.of()), NOW);
        AssemblyStore.Rhythm stored = store.rhythm(ROOM).orElseThrow();
        assertEquals("weekly MON 19:00 Europe/Berlin", stored.recurrence().encode());
        assertEquals(List.of(), stored.notices());
        assertEquals(LocalTime.of(19, 0), stored.recurrence().next(NOW).orElseThrow()
                .atZone(ZoneId.of("Europe/Berlin")).toLocalTime());
        assertTrue(store.endRhythm(ROOM));
        assertFalse(store.endRhythm(ROOM));
    }

    @Test
    void oneOffsAndSkipsFromAnInstantForgottenWhenPastOrWhenTheRoomGoes() {
        Instant a = NOW.plus(Duration.ofDays(2));
        Instant b = NOW.plus(Duration.ofDays(1));
        store.addOneOff(new AssemblyStore.OneOff(0, ROOM, a, Duration.ofHours(3), List.of(Duration.ofHours(1))));
        store.addOneOff(new AssemblyStore.OneOff(0, ROOM, b, Duration.ofMinutes(15), List.of()));
        store.addOneOff(new AssemblyStore.OneOff(0, OTHER, b, Duration.ofHours(1), List.of()));
        assertEquals(List.of(b, a), store.oneOffsFrom(ROOM, NOW).stream().map(AssemblyStore.OneOff::start).toList());
        assertEquals(List.of(Duration.ofHours(1)), store.oneOffsFrom(ROOM, a).get(0).notices());
        assertTrue(store.skip(ROOM, a));
        assertFalse(store.skip(ROOM, a));
        assertEquals(Set.of(a), store.skippedFrom(ROOM, NOW));

        store.forgetBefore(a);
        assertEquals(List.of(a), store.oneOffsFrom(ROOM, NOW).stream().map(AssemblyStore.OneOff::start).toList());

        store.setRhythm(weekly(ROOM, DayOfWeek.FRIDAY, List.of()), NOW);
        store.dropRoom(ROOM);
        assertTrue(store.rhythm(ROOM).isEmpty());
        assertEquals(List.of(), store.oneOffsFrom(ROOM, NOW));
        assertEquals(Set.of(), store.skippedFrom(ROOM, NOW));
        assertTrue(store.oneOffsFrom(OTHER, Instant.EPOCH).isEmpty(), "past ones forgotten in every room");
    }
}
