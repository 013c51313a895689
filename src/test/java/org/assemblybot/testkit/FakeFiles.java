package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.FileSender;
import org.assemblybot.core.chat.RoomId;

/**
 * Posted files in memory: records every file the bot posted, and — like the homeserver — turns a repeated
 * transaction id into the same event instead of a second one (M1). {@link #attempts()} counts every call,
 * failed ones and repeats included; failures and refusals can be scripted as with {@link FakeChat}.
 */
public final class FakeFiles implements FileSender {
    public record Sent(RoomId room, String txnId, EventId eventId, Attachment file, EventId threadRoot) {
    }

    private final Map<String, Sent> byTxn = new LinkedHashMap<>();
    private final List<String> attempts = new ArrayList<>();
    private int failing;
    private int refused;
    private int nextEvent = 1;

    /** The next {@code count} calls throw {@link ChatException}, as after the adapter's retries ran out. */
    public synchronized FakeFiles failNext(int count) {
        failing = count;
        return this;
    }

    /** The next {@code count} calls are refused for good (too large, or the bot is out of the room). */
    public synchronized FakeFiles refuseNext(int count) {
        refused = count;
        return this;
    }

    @Override
    public synchronized EventId sendFile(RoomId room, String txnId, Attachment file, EventId threadRoot) {
        attempts.add(txnId);
        if (failing > 0) {
            failing--;
            throw new ChatException("fake file failure for " + txnId);
        }
        if (refused > 0) {
            refused--;
            throw new ChatRefusedException("fake refusal (413) for " + txnId, null);
        }
        return byTxn.computeIfAbsent(txnId, t -> new Sent(room, t, new EventId("$file" + nextEvent++), file,
                threadRoot)).eventId();
    }

    /** Every file posted, once per transaction id, in order. */
    public synchronized List<Sent> sent() {
        return List.copyOf(byTxn.values());
    }

    /** The only file posted so far; fails if there were none or several. */
    public synchronized Sent onlyFile() {
        if (byTxn.size() != 1) {
            throw new AssertionError("expected exactly one file posted, got " + byTxn.size());
        }
        return byTxn.values().iterator().next();
    }

    /** The transaction id of every call, in order: retries and failed attempts included. */
    public synchronized List<String> attempts() {
        return List.copyOf(attempts);
    }
}
