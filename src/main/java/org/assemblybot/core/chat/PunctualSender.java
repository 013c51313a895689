package org.assemblybot.core.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends one message to several rooms at one instant (a synchronized GO). Everything slow — encryption,
 * sharing room keys, loading members — happens in {@link #prepare}, seconds ahead; at the instant only
 * the HTTP requests remain, one per room, in parallel. Transaction ids are the caller's, so a repeat after
 * a crash is the same event (M1).
 */
public interface PunctualSender {
    /** A message made ready for one room; opaque to callers. */
    interface Prepared {
        RoomId room();

        String txnId();
    }

    /**
     * The outcome for one room: the event id, or the error (never both); {@code leftAt} is when its request left
     * and {@code acceptedAt} when the homeserver's answer arrived (null when unknown), bounds of the event's own
     * time stamp.
     */
    record Result(EventId eventId, ChatException error, Instant leftAt, Instant acceptedAt) {
        public Result(EventId eventId, ChatException error) {
            this(eventId, error, null, null);
        }

        public boolean sent() {
            return eventId != null;
        }
    }

    Prepared prepare(RoomId room, String txnId, OutgoingMessage message);

    /**
     * What the homeserver's stamps on the bot's own earlier events say about how long before an instant the
     * requests must leave; also told about the sends of a burst, to report their stamps.
     */
    LeadCalibrator leads();

    /**
     * Opens {@code connections} connections to the homeserver ahead of time, so that the parallel sends at
     * the instant do not start with connection set-up.
     */
    default void warmUp(int connections) {
    }

    /**
     * Waits until {@code at} (at once if it has passed), then sends every prepared message in parallel and
     * waits for all. A room whose members or devices changed since it was prepared is encrypted again first,
     * so nobody who joined in between is left out. Never call it inside a database transaction.
     */
    Map<RoomId, Result> sendAll(List<Prepared> prepared, Instant at);
}
