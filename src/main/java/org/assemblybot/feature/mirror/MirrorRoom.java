package org.assemblybot.feature.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A room with the global mirror on, and how it runs there.
 *
 * @param lead        how long before an assembly the researcher gets the brief
 * @param avoidRepeat a country spotlighted within this many assemblies is flagged when set again
 * @param shareRooms  partner rooms the card also goes to
 */
record MirrorRoom(RoomId room, Duration lead, int avoidRepeat, List<RoomId> shareRooms, UserId enabledBy,
                  Instant enabledAt) {
    static final Duration DEFAULT_LEAD = Duration.ofDays(2);
    static final int DEFAULT_AVOID_REPEAT = 6;

    MirrorRoom {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(lead, "lead");
        shareRooms = List.copyOf(shareRooms);
        Objects.requireNonNull(enabledBy, "enabledBy");
        Objects.requireNonNull(enabledAt, "enabledAt");
    }
}
