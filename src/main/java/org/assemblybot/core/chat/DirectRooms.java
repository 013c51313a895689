package org.assemblybot.core.chat;

/** Private rooms between the bot and one person (for secret ballots). */
public interface DirectRooms {
    /**
     * An encrypted direct room with {@code person}, created by the bot with the person invited; the same
     * room again for the same person once it exists.
     */
    RoomId directRoomWith(UserId person);
}
