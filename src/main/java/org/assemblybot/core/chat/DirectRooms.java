package org.assemblybot.core.chat;

/** Private rooms between the bot and one person (for secret ballots). */
public interface DirectRooms {
    /**
     * An encrypted direct room with {@code person}, created by the bot with the person invited; the same
     * room again for the same person once it exists. May talk to the homeserver: never call it inside a
     * database transaction (the outbox relay does, for messages queued to a person).
     */
    RoomId directRoomWith(UserId person);

    /** Whether {@code room} is the bot's direct room with {@code person}; from local state, never opens one. */
    boolean isDirectRoomWith(RoomId room, UserId person);
}
