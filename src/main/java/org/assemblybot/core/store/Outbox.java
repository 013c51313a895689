package org.assemblybot.core.store;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;

/**
 * Messages the bot decided to send, written in the same transaction as the decision and deleted as soon
 * as the homeserver accepted them. The transaction id is stored with the message, so a retry after a crash
 * reuses it (M1). Only the bot's own output is held here, and only until it is sent.
 */
public interface Outbox {
    record Pending(String txnId, RoomId room, OutgoingMessage message, Instant queuedAt) {
    }

    void enqueue(String txnId, RoomId room, OutgoingMessage message, Instant at);

    /** Everything not yet sent, oldest first. */
    List<Pending> pending();

    void remove(String txnId);
}
