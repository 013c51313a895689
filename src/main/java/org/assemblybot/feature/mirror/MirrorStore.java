package org.assemblybot.feature.mirror;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;

/** Where the mirror keeps its rooms and spotlights; called inside the caller's transaction. */
interface MirrorStore {
    Optional<MirrorRoom> room(RoomId room);

    /** Turns the mirror on, or changes its settings. */
    void saveRoom(MirrorRoom settings);

    /** Turns the mirror off; the spotlights' history stays. */
    void deleteRoom(RoomId room);

    /** The spotlight being prepared in the room, if any (there is at most one). */
    Optional<Spotlight> open(RoomId room);

    /** Stores a new open spotlight; returns it with its id. */
    Spotlight create(Spotlight draft);

    /** Saves every field of a stored spotlight. */
    void save(Spotlight spotlight);

    void delete(long id);

    /** The open spotlights of every room, the soonest first (one per room with the mirror on). */
    List<Spotlight> allOpen();

    /** Posted or missed spotlights of the room, the newest first, at most {@code limit}. */
    List<Spotlight> closed(RoomId room, int limit);

    /** Whether the room's assembly at {@code start} already had its spotlight (posted or missed). */
    boolean closedAt(RoomId room, Instant start);

    /** How many spotlights the room has had (posted or missed). */
    int closedCount(RoomId room);

    /** The bot left the room: everything about it goes (M6). */
    void forgetRoom(RoomId room);
}
