package org.assemblybot.core.chat;

/**
 * Pinning the bot's own messages ({@code m.room.pinned_events}), so a live roster or board stays easy to find.
 * Optional everywhere: a room where the bot may not change the pins simply keeps its messages unpinned (M8:
 * the bot checks its own power level before trying, instead of collecting refusals).
 */
public interface RoomPins {
    /**
     * Whether the bot's own power level in the room reaches what {@code m.room.pinned_events} requires
     * ({@code events}, else {@code state_default}). Answers from the local room state, without a request.
     */
    boolean maySetPins(RoomId room);

    /**
     * Adds {@code event} to the room's pinned events, keeping the others; does nothing when it is pinned
     * already. Throws {@link ChatRefusedException} when the homeserver refuses, {@link ChatException} otherwise.
     */
    void pin(RoomId room, EventId event);

    /** Removes {@code event} from the room's pinned events; does nothing when it is not pinned. */
    void unpin(RoomId room, EventId event);
}
