package org.assemblybot.core.store;

import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;

/** Told when a queued message was accepted by the homeserver, with its event id (to edit it later). */
@FunctionalInterface
public interface SentListener {
    void sent(String txnId, RoomId room, EventId eventId);
}
