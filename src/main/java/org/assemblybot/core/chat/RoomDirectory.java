package org.assemblybot.core.chat;

import java.util.Set;

/** What the bot knows about rooms, read from the current room state. */
public interface RoomDirectory {
    /** Power level of a room creator in a room of version 12 or later: creators outrank everyone (MSC4289). */
    long CREATOR = Long.MAX_VALUE;

    /**
     * The user's current power level from {@code m.room.power_levels} ({@code users}, else
     * {@code users_default}); {@link #CREATOR} for the creators of a v12 room.
     */
    long powerLevel(RoomId room, UserId user);

    boolean isEncrypted(RoomId room);

    Set<UserId> joinedMembers(RoomId room);

    /** The rooms the bot has joined. */
    Set<RoomId> joinedRooms();

    /**
     * The room meant by {@code idOrAlias} ({@code !id:server} or {@code #alias:server}, also on other
     * homeservers); empty when it does not exist. Does not check that the bot has joined it.
     */
    java.util.Optional<RoomId> resolve(String idOrAlias);

    /** Joins an invited room; throws {@link ChatException} on failure. */
    void join(RoomId room);

    /** Leaves a room (for example one it was invited to by someone not allowed). */
    void leave(RoomId room);
}
