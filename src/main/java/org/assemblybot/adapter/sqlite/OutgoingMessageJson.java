package org.assemblybot.adapter.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.UserId;

/**
 * The outbox's JSON form of an {@link OutgoingMessage}. A separate record with plain strings keeps the
 * stored format independent of the core record's shape, and lets old rows be read after the core changes.
 */
final class OutgoingMessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The stored shape; mentions are sorted so the same message always serialises the same way. */
    record Stored(String kind, String body, String html, String threadRoot, String inReplyTo,
                  List<String> mentions, String replaces) {
    }

    private OutgoingMessageJson() {
    }

    static String write(OutgoingMessage message) {
        Stored stored = new Stored(message.kind().name(), message.body(), message.html(),
                valueOrNull(message.threadRoot()), valueOrNull(message.inReplyTo()),
                message.mentions().stream().map(UserId::value).sorted().toList(), valueOrNull(message.replaces()));
        try {
            return MAPPER.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            // Not e's message: it may quote the content.
            throw new StorageException("cannot serialise an outgoing message of kind " + message.kind());
        }
    }

    static OutgoingMessage read(String json) {
        Stored stored;
        try {
            stored = MAPPER.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable outbox entry (" + e.getClass().getSimpleName() + ")");
        }
        Set<UserId> mentions = stored.mentions() == null ? Set.of()
                : stored.mentions().stream().map(UserId::new).collect(Collectors.toSet());
        return new OutgoingMessage(OutgoingMessage.Kind.valueOf(stored.kind()), stored.body(), stored.html(),
                eventOrNull(stored.threadRoot()), eventOrNull(stored.inReplyTo()), mentions,
                eventOrNull(stored.replaces()));
    }

    private static String valueOrNull(EventId id) {
        return id == null ? null : id.value();
    }

    private static EventId eventOrNull(String value) {
        return value == null ? null : new EventId(value);
    }
}
