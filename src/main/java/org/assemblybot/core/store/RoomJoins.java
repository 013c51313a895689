package org.assemblybot.core.store;

import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;

/** When the bot joined each room: commands sent before that moment are never run (M4). */
public interface RoomJoins {
    /** Records the join time; keeps the earliest known time if the room is already recorded. */
    void recordJoin(RoomId room, Instant at);

    Optional<Instant> joinedAt(RoomId room);

    void forget(RoomId room);
}
