package org.assemblybot.core.chat;

import java.time.Instant;

/**
 * Keeps the bot's other outgoing traffic out of the way of a message that must land on time (a GO): while
 * held, queued messages wait (they are not lost), so the homeserver is not busy with them at T0.
 */
public interface QuietWindow {
    /**
     * Sends what is already queued, then holds other sends until {@code until} at the latest (after the current
     * database transaction, if one is open).
     */
    void hold(Instant until);

    /** Ends the hold and sends what waited (after the current database transaction, if one is open). */
    void release();

    /**
     * A message queued in the outbox under {@code txnId} was sent by the punctual path during the hold: it
     * leaves the outbox, and whoever waits for its event id learns it.
     */
    void confirm(String txnId, RoomId room, EventId eventId);
}
