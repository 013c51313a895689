package org.assemblybot.testkit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.RoomJoins;

/** {@link RoomJoins} in memory, for tests that do not need the database. */
public final class InMemoryRoomJoins implements RoomJoins {
    private final Map<RoomId, Instant> joins = new ConcurrentHashMap<>();

    @Override
    public void recordJoin(RoomId room, Instant at) {
        joins.merge(room, at, (earlier, later) -> earlier.isBefore(later) ? earlier : later);
    }

    @Override
    public Optional<Instant> joinedAt(RoomId room) {
        return Optional.ofNullable(joins.get(room));
    }

    @Override
    public void forget(RoomId room) {
        joins.remove(room);
    }
}
