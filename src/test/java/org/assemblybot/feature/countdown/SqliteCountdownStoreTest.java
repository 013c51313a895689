package org.assemblybot.feature.countdown;

import static org.assemblybot.feature.countdown.SyncRoom.Participation.ACTIVE;
import static org.assemblybot.feature.countdown.SyncRoom.Participation.DECLINED;
import static org.assemblybot.feature.countdown.SyncRoom.Participation.DROPPED;
import static org.assemblybot.feature.countdown.SyncRoom.Participation.PENDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sync_* tables through the real migrations. */
class SqliteCountdownStoreTest {
    private static final RoomId A = new RoomId("!a:example.org");
    private static final RoomId B = new RoomId("!b:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId CARL = new UserId("@carl:example.org");
    private static final Instant T0 = Instant.parse("2026-06-02T16:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private SqliteCountdownStore store() {
        return new SqliteCountdownStore(testDb.db());
    }

    private static SyncAction draft(String title, Instant t0, Duration duration) {
        return new SyncAction(0, title, t0, duration, List.of(Duration.ofHours(1), Duration.ofMinutes(1)),
                List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("America/Bogota")), A, OLGA, SyncAction.State.PLANNED);
    }

    @Test
    void storesAndReadsAnActionWithOrWithoutDurationAndZones() {
        SqliteCountdownStore store = store();
        long first = store.create(draft("Minute of silence", T0, Duration.ofSeconds(90)));
        long second = store.create(new SyncAction(0, "Bells", T0, null, List.of(), List.of(), B, OLGA,
                SyncAction.State.PLANNED));

        assertEquals(1, first);
        assertEquals(2, second);
        assertEquals(new SyncAction(1, "Minute of silence", T0, Duration.ofSeconds(90),
                List.of(Duration.ofHours(1), Duration.ofMinutes(1)),
                List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("America/Bogota")), A, OLGA, SyncAction.State.PLANNED),
                store.find(1).orElseThrow());
        SyncAction bells = store.find(2).orElseThrow();
        assertNull(bells.duration());
        assertEquals(List.of(), bells.notices());
        assertEquals(List.of(), bells.zones());
        assertEquals(Optional.empty(), store.find(3));
    }

    @Test
    void plannedInListsOnlyPlannedActionsWithTheRoomActiveSoonestFirst() {
        SqliteCountdownStore store = store();
        long later = store.create(draft("Later", T0.plusSeconds(60), null));
        long sooner = store.create(draft("Sooner", T0, null));
        long cancelled = store.create(draft("Cancelled", T0, null));
        for (long id : List.of(later, sooner, cancelled)) {
            store.addRoom(id, A, ACTIVE);
            store.addRoom(id, B, ACTIVE);
        }
        store.setState(cancelled, SyncAction.State.CANCELLED);
        store.dropRoom(later, B);

        assertEquals(List.of(sooner, later), store.plannedIn(A).stream().map(SyncAction::id).toList());
        assertEquals(List.of(sooner), store.plannedIn(B).stream().map(SyncAction::id).toList());
        assertEquals(List.of(true, false), store.rooms(later).stream().map(SyncRoom::active).toList());

        store.move(later, T0.minusSeconds(60));
        assertEquals(List.of(later, sooner), store.plannedIn(A).stream().map(SyncAction::id).toList());
    }

    @Test
    void addingARoomTwiceKeepsOne() {
        SqliteCountdownStore store = store();
        long id = store.create(draft("X", T0, null));
        store.addRoom(id, A, ACTIVE);
        store.addRoom(id, A, ACTIVE);
        assertEquals(List.of(new SyncRoom(id, A, ACTIVE)), store.rooms(id));
    }

    @Test
    void aRoomThatIsAskedCountsAsPlannedUntilItDeclines() {
        SqliteCountdownStore store = store();
        long id = store.create(draft("X", T0, null));
        store.addRoom(id, A, ACTIVE);
        store.addRoom(id, B, PENDING);
        assertEquals(List.of(ACTIVE, PENDING), store.rooms(id).stream().map(SyncRoom::participation).toList());
        assertEquals(List.of(id), store.plannedIn(B).stream().map(SyncAction::id).toList(), "counts against the cap");

        assertFalse(store.changeParticipation(id, B, EnumSet.of(ACTIVE), DECLINED), "not in that state: no change");
        assertTrue(store.changeParticipation(id, B, EnumSet.of(PENDING), DECLINED));
        assertFalse(store.changeParticipation(id, B, EnumSet.of(PENDING), DECLINED), "only once");
        assertEquals(List.of(), store.plannedIn(B));
        assertTrue(store.changeParticipation(id, B, EnumSet.of(PENDING, DECLINED), ACTIVE));
        store.dropRoom(id, A);
        assertEquals(List.of(DROPPED, ACTIVE), store.rooms(id).stream().map(SyncRoom::participation).toList());
    }

    @Test
    void oneRsvpPerPersonWithdrawnByItsReaction() {
        SqliteCountdownStore store = store();
        long id = store.create(draft("X", T0, null));
        store.addRoom(id, A, ACTIVE);
        store.addRoom(id, B, ACTIVE);

        assertTrue(store.rsvp(id, A, BOB, null));
        assertFalse(store.rsvp(id, B, BOB, new EventId("$r0")), "once per person, whatever the room");
        assertTrue(store.rsvp(id, B, CARL, new EventId("$r1")));
        assertEquals(Map.of(A, 1, B, 1), store.rsvpCounts(id));

        assertEquals(Optional.empty(), store.withdrawRsvp(A, new EventId("$r1")), "the room must match");
        assertEquals(Optional.empty(), store.withdrawRsvp(B, new EventId("$r0")), "that reaction counted nothing");
        assertEquals(Optional.of(id), store.withdrawRsvp(B, new EventId("$r1")));
        assertEquals(Map.of(A, 1), store.rsvpCounts(id));
        assertEquals(Optional.empty(), store.withdrawRsvp(B, new EventId("$r1")));
    }

    @Test
    void aDroppedRoomsRsvpsNoLongerCount() {
        SqliteCountdownStore store = store();
        long id = store.create(draft("X", T0, null));
        store.addRoom(id, A, ACTIVE);
        store.addRoom(id, B, ACTIVE);
        store.rsvp(id, A, BOB, null);
        store.rsvp(id, B, CARL, null);

        store.dropRoom(id, B);

        assertEquals(Map.of(A, 1), store.rsvpCounts(id));
    }
}
