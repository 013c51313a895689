package org.assemblybot.core.command;

import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** Decides whether a user may run {@link Permission#ORGANIZER} commands in a room. */
@FunctionalInterface
public interface OrganizerCheck {
    boolean isOrganizer(RoomId room, UserId user);

    /**
     * Organizers are those at or above {@code minimumLevel} in the room's current power levels (M8). Room
     * creators of v12 rooms report {@link RoomDirectory#CREATOR}, so they always pass.
     */
    static OrganizerCheck byPowerLevel(RoomDirectory rooms, long minimumLevel) {
        return (room, user) -> rooms.powerLevel(room, user) >= minimumLevel;
    }
}
