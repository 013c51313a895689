package org.assemblybot.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.chat.UserId;

/**
 * Every side effect the bot decided on — a message, an edit, a poll's start or end, a message to a person's
 * direct room, a file, a file re-posted — written in the same transaction as the decision and deleted as soon as the homeserver
 * accepted it. Nothing here talks to the network: the relay ({@code OutboxSender}) does, after the commit.
 * The transaction id is stored with the entry, so a retry after a crash reuses it (M1). Only the bot's own
 * output is held here, and only until it is sent.
 */
public interface Outbox {
    /** What leaves. */
    sealed interface Intent permits Message, PollStart, PollEnd, Redaction, Pin, Unpin, File, Forward {
    }

    /** A message, or an edit of an earlier one when {@link OutgoingMessage#replaces()} is set. */
    record Message(OutgoingMessage message) implements Intent {
        public Message {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A native poll (its event id reaches the {@link SentListener}s like any message's). */
    record PollStart(Polls.PollStart poll) implements Intent {
        public PollStart {
            Objects.requireNonNull(poll, "poll");
        }
    }

    /** The end of the poll started by {@code poll}, with the results clients show beside it. */
    record PollEnd(EventId poll, String results) implements Intent {
        public PollEnd {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(results, "results");
        }

        @Override
        public String toString() {
            return "PollEnd[poll=" + poll + "]"; // never the text (P2)
        }
    }

    /** A redaction of {@code target} (e.g. a secret ballot's {@code !v}, once counted). */
    record Redaction(EventId target, String reason) implements Intent {
        public Redaction {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Pins {@code event} in the entry's room ({@code m.room.pinned_events}), where the bot's power level allows
     * it (M8): the relay checks first and skips the entry quietly where it does not. No listener is told: a pin
     * is no message.
     */
    record Pin(EventId event) implements Intent {
        public Pin {
            Objects.requireNonNull(event, "event");
        }
    }

    /** Unpins {@code event} in the entry's room, where the bot's power level allows it (as {@link Pin}). */
    record Unpin(EventId event) implements Intent {
        public Unpin {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A file posted to the entry's room, in the thread of {@code threadRoot} when that is not null; its event
     * id reaches the {@link SentListener}s like a message's. The bytes stay in the outbox only until it is sent.
     */
    record File(Attachment file, EventId threadRoot) implements Intent {
        public File {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * A file someone sent, posted again to the entry's room (in the thread of {@code threadRoot} when that is
     * not null) with the same stored media; its event id reaches the {@link SentListener}s like a message's.
     * Its media reference, which may hold the file's key, stays in the outbox only until it is sent.
     */
    record Forward(SharedFile file, EventId threadRoot) implements Intent {
        public Forward {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * One entry. Exactly one of {@code room} and {@code person} is set: a person means "their direct room with
     * the bot", found or opened by the relay when it sends (so opening a room never happens inside a
     * transaction). {@code notAfter}, when set, is the last instant the entry may still be sent: after it the
     * relay drops it (a GO that would come too late).
     */
    record Pending(String txnId, RoomId room, UserId person, Intent intent, Instant queuedAt, Instant notAfter) {
        public Pending {
            Objects.requireNonNull(txnId, "txnId");
            Objects.requireNonNull(intent, "intent");
            if ((room == null) == (person == null)) {
                throw new IllegalArgumentException("an outbox entry goes to a room or to a person, not both");
            }
        }

        /** A plain message to a room. */
        public Pending(String txnId, RoomId room, OutgoingMessage message, Instant queuedAt) {
            this(txnId, room, null, new Message(message), queuedAt, null);
        }

        /** The message, when this entry is one; null for polls. */
        public OutgoingMessage message() {
            return intent instanceof Message m ? m.message() : null;
        }
    }

    /**
     * Queues the entry. Enqueueing a transaction id that is still pending keeps the first entry and ignores
     * the second: a job that fires twice (T4) must yield one message, and the id is the identity.
     */
    void enqueue(Pending entry);

    /** Queues a message (or an edit) to a room. */
    default void enqueue(String txnId, RoomId room, OutgoingMessage message, Instant at) {
        enqueue(new Pending(txnId, room, message, at));
    }

    /** Queues any intent to a room. */
    default void enqueue(String txnId, RoomId room, Intent intent, Instant at) {
        enqueue(new Pending(txnId, room, null, intent, at, null));
    }

    /** Queues a message to {@code person}'s direct room with the bot, opened when needed at sending time. */
    default void enqueueDirect(String txnId, UserId person, OutgoingMessage message, Instant at) {
        enqueue(new Pending(txnId, null, person, new Message(message), at, null));
    }

    /** Everything not yet sent, oldest first (parked entries excepted). */
    List<Pending> pending();

    /** Whether {@code txnId} is still queued (and not parked): false once sent, or dropped by the relay. */
    boolean isPending(String txnId);

    void remove(String txnId);

    /**
     * Stores {@code entry} without queueing it: the relay does not see it until its owner takes it back with
     * {@link #takeParked} and queues it. A live message keeps the content it should show next here while its
     * previous version is still on the way, so the text stays in the one table that holds unsent output. Parking
     * under the same transaction id again replaces the parked entry (it was never sent, so its id is not spent).
     */
    void park(Pending entry);

    /** Removes the parked entry {@code txnId} and returns it; empty when there is none. */
    java.util.Optional<Pending> takeParked(String txnId);

    /** How many entries wait to be sent, and when the oldest was queued (null when none waits). */
    record Backlog(int depth, Instant oldest) {
    }

    /** The queue's length and age, for the operators' metrics; parked entries do not count. */
    default Backlog backlog() {
        List<Pending> waiting = pending();
        return new Backlog(waiting.size(), waiting.stream().map(Pending::queuedAt).min(Instant::compareTo).orElse(null));
    }
}
