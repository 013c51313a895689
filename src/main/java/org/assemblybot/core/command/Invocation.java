package org.assemblybot.core.command;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Where a command came from: the message event that carried it.
 *
 * @param threadRoot the thread the command was sent in, or null
 */
public record Invocation(RoomId room, UserId sender, EventId event, Instant sentAt, boolean encrypted,
                         EventId threadRoot) {
    public Invocation {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    /** A command outside any thread. */
    public Invocation(RoomId room, UserId sender, EventId event, Instant sentAt, boolean encrypted) {
        this(room, sender, event, sentAt, encrypted, null);
    }
}
