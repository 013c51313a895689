package org.assemblybot.core.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the chat adapter delivers, already decrypted and translated into plain Java. Every event carries
 * its room, id, sender and the homeserver's timestamp ({@code origin_server_ts}).
 */
public sealed interface ChatEvent {
    RoomId room();

    EventId id();

    UserId sender();

    Instant sentAt();

    /**
     * A room message ({@code m.room.message}).
     *
     * @param msgtype     {@code m.text}, {@code m.notice}, {@code m.emote}, …
     * @param body        the plain body; only ever held in memory, never stored or logged
     * @param threadRoot  the thread this message belongs to, or null
     * @param replaces    for an edit ({@code m.replace}): the event it edits, else null
     * @param encrypted   whether it arrived encrypted
     */
    record Message(RoomId room, EventId id, UserId sender, Instant sentAt, String msgtype, String body,
                   EventId threadRoot, EventId replaces, boolean encrypted) implements ChatEvent {
        public Message {
            Objects.requireNonNull(msgtype, "msgtype");
            Objects.requireNonNull(body, "body");
        }

        public boolean isNotice() {
            return "m.notice".equals(msgtype);
        }

        public boolean isEdit() {
            return replaces != null;
        }

        /** Never print the body: logs must not hold message text (P2). */
        @Override
        public String toString() {
            return "Message[room=" + room + ", id=" + id + ", sender=" + sender + ", msgtype=" + msgtype
                    + ", edit=" + isEdit() + ", encrypted=" + encrypted + "]";
        }
    }

    /**
     * A file someone posted ({@code m.file}, or {@code m.audio} such as a voice note). Only what describes it
     * arrives: its content stays on the homeserver until someone fetches it through the chat adapter.
     *
     * @param msgtype    {@code m.file} or {@code m.audio}
     * @param fileName   the name it was sent under (its {@code filename}, else its body); never logged
     * @param mimeType   as the sender declared it, or null
     * @param size       in bytes as the sender declared it, or null
     * @param media      where the content is and, for an encrypted file, how to decrypt it: an opaque
     *                   reference only the chat adapter reads; a secret like the content itself, never logged
     * @param threadRoot the thread it belongs to, or null
     */
    record File(RoomId room, EventId id, UserId sender, Instant sentAt, String msgtype, String fileName,
                String mimeType, Long size, String media, EventId threadRoot, boolean encrypted) implements ChatEvent {
        public File {
            Objects.requireNonNull(msgtype, "msgtype");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(media, "media");
        }

        public boolean isAudio() {
            return "m.audio".equals(msgtype);
        }

        /** Never the name or the media reference (P2). */
        @Override
        public String toString() {
            return "File[room=" + room + ", id=" + id + ", sender=" + sender + ", msgtype=" + msgtype + ", mimeType="
                    + mimeType + ", size=" + size + ", encrypted=" + encrypted + "]";
        }
    }

    /** An {@code m.reaction} annotation on {@code target}. */
    record Reaction(RoomId room, EventId id, UserId sender, Instant sentAt, EventId target, String key)
            implements ChatEvent {
    }

    /** An MSC3381 poll response: the answer ids chosen on the poll started by {@code poll}. */
    record PollResponse(RoomId room, EventId id, UserId sender, Instant sentAt, EventId poll,
                        List<String> answers) implements ChatEvent {
        public PollResponse {
            answers = List.copyOf(answers);
        }
    }

    /** An {@code m.room.member} change of {@code target} (join, leave, ban, invite, knock). */
    record Membership(RoomId room, EventId id, UserId sender, Instant sentAt, UserId target, String membership)
            implements ChatEvent {
    }

    /** A redaction of {@code redacts}. */
    record Redaction(RoomId room, EventId id, UserId sender, Instant sentAt, EventId redacts)
            implements ChatEvent {
    }

    /** An encrypted event that could not be decrypted, even after waiting for late keys. */
    record Undecryptable(RoomId room, EventId id, UserId sender, Instant sentAt) implements ChatEvent {
    }
}
