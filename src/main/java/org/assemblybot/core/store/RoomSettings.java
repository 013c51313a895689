package org.assemblybot.core.store;

import java.time.ZoneId;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;

/** Per-room settings chosen by the room's organizers. */
public interface RoomSettings {
    /** The room's IANA time zone, set with {@code !tz}; empty until set. */
    Optional<ZoneId> zone(RoomId room);

    void setZone(RoomId room, ZoneId zone);

    /** Removes everything stored for the room (M6: the bot left or was removed). */
    void forget(RoomId room);
}
