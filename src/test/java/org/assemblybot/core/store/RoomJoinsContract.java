package org.assemblybot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link RoomJoins} does; {@link StoreContractsTest} runs it on each implementation. */
abstract class RoomJoinsContract extends StoreContract<RoomJoins> {
    @Test
    void anUnknownRoomHasNoJoinTime() {
        assertEquals(Optional.empty(), store.joinedAt(ROOM));
    }

    @Test
    void keepsTheEarliestJoin() {
        store.recordJoin(ROOM, T0);
        store.recordJoin(ROOM, T0.plusSeconds(60));
        assertEquals(Optional.of(T0), store.joinedAt(ROOM));
        store.recordJoin(ROOM, T0.minusSeconds(60));
        assertEquals(Optional.of(T0.minusSeconds(60)), store.joinedAt(ROOM));
    }

    @Test
    void forgetsOnlyThatRoom() {
        store.recordJoin(ROOM, T0);
        store.recordJoin(OTHER_ROOM, T0.plusSeconds(1));
        store.forget(ROOM);
        assertEquals(Optional.empty(), store.joinedAt(ROOM));
        assertEquals(Optional.of(T0.plusSeconds(1)), store.joinedAt(OTHER_ROOM));
    }

    @Test
    void aRejoinAfterForgettingRecordsTheNewTime() {
        store.recordJoin(ROOM, T0);
        store.forget(ROOM);
        store.recordJoin(ROOM, T0.plusSeconds(3600));
        assertEquals(Optional.of(T0.plusSeconds(3600)), store.joinedAt(ROOM));
    }
}
