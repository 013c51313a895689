package org.assemblybot.core.store;

import java.time.Instant;
import org.assemblybot.core.chat.RoomId;

/**
 * Told when the relay dropped a queued entry unsent because its deadline ({@code notAfter}) had passed — a GO
 * that could not reach the homeserver in time — inside the transaction that removes it, so that the feature can
 * tell the room instead (nothing fails silently). What it queues goes out in the same flush.
 */
@FunctionalInterface
public interface LateDropListener {
    void droppedLate(String txnId, RoomId room, Instant notAfter);
}
