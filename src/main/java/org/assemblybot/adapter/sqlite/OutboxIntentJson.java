package org.assemblybot.adapter.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;

/**
 * The outbox's JSON form of an {@link Outbox.Intent}. Separate records with plain strings keep the stored
 * format independent of the core records' shapes, and let old rows be read after the core changes: a row
 * without a type (written before polls went through the outbox) is a message.
 */
final class OutboxIntentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The stored shape; mentions are sorted so the same message always serialises the same way. */
    record Stored(String type, String kind, String body, String html, String threadRoot, String inReplyTo,
                  List<String> mentions, String replaces, StoredPoll poll, String pollEvent, String results,
                  StoredFile file, StoredForward forward) {
    }

    /** A file's content as base64: it waits here only until sent, like a message's text. */
    record StoredFile(String name, String mimeType, String content, String caption) {
    }

    /** A re-posted file: what describes it and its media reference (which may hold its key), never content. */
    record StoredForward(String msgtype, String name, String mimeType, Long size, String media, String caption) {
    }

    record StoredPoll(String question, List<StoredAnswer> answers, int maxSelections, boolean disclosed,
                      String fallback) {
    }

    record StoredAnswer(String id, String text) {
    }

    private static final String MESSAGE = "message";
    private static final String POLL_START = "poll_start";
    private static final String POLL_END = "poll_end";
    /** A redaction keeps its target and reason in the poll-end fields (pollEvent, results). */
    private static final String REDACTION = "redaction";
    /** Pins and unpins keep their event in pollEvent, as a redaction its target. */
    private static final String PIN = "pin";
    private static final String UNPIN = "unpin";
    /** A file keeps its thread in threadRoot, as a message. */
    private static final String FILE = "file";
    /** A re-posted file keeps its thread in threadRoot too. */
    private static final String FORWARD = "forward";

    private OutboxIntentJson() {
    }

    static String write(Outbox.Intent intent) {
        Stored stored;
        if (intent instanceof Outbox.PollStart start) {
            Polls.PollStart poll = start.poll();
            stored = new Stored(POLL_START, null, null, null, null, null, null, null,
                    new StoredPoll(poll.question(), poll.answers().stream()
                            .map(a -> new StoredAnswer(a.id(), a.text())).toList(), poll.maxSelections(),
                            poll.disclosed(), poll.fallback()), null, null, null, null);
        } else if (intent instanceof Outbox.PollEnd end) {
            stored = new Stored(POLL_END, null, null, null, null, null, null, null, null, end.poll().value(),
                    end.results(), null, null);
        } else if (intent instanceof Outbox.Redaction redaction) {
            stored = new Stored(REDACTION, null, null, null, null, null, null, null, null,
                    redaction.target().value(), redaction.reason(), null, null);
        } else if (intent instanceof Outbox.Pin pin) {
            stored = eventOnly(PIN, pin.event());
        } else if (intent instanceof Outbox.Unpin unpin) {
            stored = eventOnly(UNPIN, unpin.event());
        } else if (intent instanceof Outbox.File file) {
            Attachment attachment = file.file();
            stored = new Stored(FILE, null, null, null, valueOrNull(file.threadRoot()), null, null, null, null, null,
                    null, new StoredFile(attachment.fileName(), attachment.mimeType(),
                            Base64.getEncoder().encodeToString(attachment.bytes()), attachment.caption()), null);
        } else if (intent instanceof Outbox.Forward forward) {
            SharedFile file = forward.file();
            stored = new Stored(FORWARD, null, null, null, valueOrNull(forward.threadRoot()), null, null, null, null,
                    null, null, null, new StoredForward(file.msgtype(), file.fileName(), file.mimeType(), file.size(),
                            file.media(), file.caption()));
        } else {
            OutgoingMessage message = ((Outbox.Message) intent).message();
            stored = new Stored(MESSAGE, message.kind().name(), message.body(), message.html(),
                    valueOrNull(message.threadRoot()), valueOrNull(message.inReplyTo()),
                    message.mentions().stream().map(UserId::value).sorted().toList(), valueOrNull(message.replaces()),
                    null, null, null, null, null);
        }
        try {
            return MAPPER.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            // Not e's message: it may quote the content.
            throw new StorageException("cannot serialise an outbox entry of type " + stored.type());
        }
    }

    static Outbox.Intent read(String json) {
        Stored stored;
        try {
            stored = MAPPER.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable outbox entry (" + e.getClass().getSimpleName() + ")");
        }
        if (POLL_START.equals(stored.type())) {
            StoredPoll poll = stored.poll();
            return new Outbox.PollStart(new Polls.PollStart(poll.question(), poll.answers().stream()
                    .map(a -> new Polls.Answer(a.id(), a.text())).toList(), poll.maxSelections(), poll.disclosed(),
                    poll.fallback()));
        }
        if (REDACTION.equals(stored.type())) {
            return new Outbox.Redaction(new EventId(stored.pollEvent()), stored.results());
        }
        if (PIN.equals(stored.type())) {
            return new Outbox.Pin(new EventId(stored.pollEvent()));
        }
        if (UNPIN.equals(stored.type())) {
            return new Outbox.Unpin(new EventId(stored.pollEvent()));
        }
        if (FILE.equals(stored.type())) {
            StoredFile file = stored.file();
            return new Outbox.File(new Attachment(file.name(), file.mimeType(),
                    Base64.getDecoder().decode(file.content()), file.caption()), eventOrNull(stored.threadRoot()));
        }
        if (FORWARD.equals(stored.type())) {
            StoredForward file = stored.forward();
            return new Outbox.Forward(new SharedFile(file.msgtype(), file.name(), file.mimeType(), file.size(),
                    file.media(), file.caption()), eventOrNull(stored.threadRoot()));
        }
        if (POLL_END.equals(stored.type())) {
            return new Outbox.PollEnd(new EventId(stored.pollEvent()), stored.results());
        }
        Set<UserId> mentions = stored.mentions() == null ? Set.of()
                : stored.mentions().stream().map(UserId::new).collect(Collectors.toSet());
        return new Outbox.Message(new OutgoingMessage(OutgoingMessage.Kind.valueOf(stored.kind()), stored.body(),
                stored.html(), eventOrNull(stored.threadRoot()), eventOrNull(stored.inReplyTo()), mentions,
                eventOrNull(stored.replaces())));
    }

    private static Stored eventOnly(String type, EventId event) {
        return new Stored(type, null, null, null, null, null, null, null, null, event.value(), null, null, null);
    }

    private static String valueOrNull(EventId id) {
        return id == null ? null : id.value();
    }

    private static EventId eventOrNull(String value) {
        return value == null ? null : new EventId(value);
    }
}
