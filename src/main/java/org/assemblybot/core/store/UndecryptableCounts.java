package org.assemblybot.core.store;

import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Counts messages the bot could not decrypt (E4), and remembers whom it already told how to fix it, so
 * that each person is told once. Holds counts and ids only.
 */
public interface UndecryptableCounts {
    /** Adds one failure for the room; returns the room's new total. */
    long recordFailure(RoomId room);

    long failures(RoomId room);

    /** True the first time for this (user, room); false afterwards. */
    boolean firstNoticeFor(RoomId room, UserId user);
}
