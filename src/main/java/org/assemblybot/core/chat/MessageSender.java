package org.assemblybot.core.chat;

/**
 * Sends to rooms. Every call takes a transaction id chosen by the caller and stored before the first
 * attempt, so a retry — also after a restart — yields one event (M1). Calls block until the homeserver
 * accepted the event and throw {@link ChatException} once the adapter's retries are exhausted.
 * Rate limits (429) are waited out inside the adapter (M2).
 */
public interface MessageSender {
    EventId send(RoomId room, String txnId, OutgoingMessage message);

    /** Replaces the content of {@code target} ({@code m.replace}); clients show the new text in place. */
    EventId edit(RoomId room, String txnId, EventId target, OutgoingMessage replacement);

    EventId react(RoomId room, String txnId, EventId target, String key);

    EventId redact(RoomId room, String txnId, EventId target, String reason);
}
