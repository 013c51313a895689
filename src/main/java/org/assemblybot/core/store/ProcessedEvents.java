package org.assemblybot.core.store;

import java.time.Instant;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;

/**
 * Event ids the bot has already acted on, so that a re-delivered event (sync is at-least-once, also across
 * restarts) never runs twice (M3). Marking happens in the same transaction as the command's effect.
 */
public interface ProcessedEvents {
    /** Records the event as handled; false when it was already recorded (then do nothing). */
    boolean markHandled(RoomId room, EventId event, Instant at);

    boolean isHandled(EventId event);

    /**
     * Forgets at most {@code limit} entries marked before {@code before}, oldest first; returns how many.
     * The limit keeps each call a short transaction: a large backlog goes in several calls, and the one
     * database writer is free in between. When a mark may go is decided in {@code HandledMarkPruning}.
     */
    int pruneOlderThan(Instant before, int limit);
}
