package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.FileSender;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;

/**
 * Posted files in memory: records every file the bot posted or re-posted, and — like the homeserver — turns a
 * repeated transaction id into the same event instead of a second one (M1). {@link #attempts()} counts every
 * call, failed ones and repeats included; failures and refusals can be scripted as with {@link FakeChat}. Like
 * the adapter, it refuses to re-post an encrypted file into a room it was told is unencrypted
 * ({@link #unencrypted}); every other room counts as encrypted.
 */
public final class FakeFiles implements FileSender {
    public record Sent(RoomId room, String txnId, EventId eventId, Attachment file, EventId threadRoot) {
    }

    /** A file someone sent, re-posted by the bot with the same media. */
    public record Forwarded(RoomId room, String txnId, EventId eventId, SharedFile file, EventId threadRoot) {
    }

    private final Map<String, Sent> byTxn = new LinkedHashMap<>();
    private final Map<String, Forwarded> forwardedByTxn = new LinkedHashMap<>();
    private final Set<RoomId> unencrypted = new HashSet<>();
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

    /** {@code room}'s events are not encrypted: an encrypted file's key may not be posted there. */
    public synchronized FakeFiles unencrypted(RoomId room) {
        unencrypted.add(room);
        return this;
    }

    @Override
    public synchronized EventId sendFile(RoomId room, String txnId, Attachment file, EventId threadRoot) {
        attempt(txnId);
        return byTxn.computeIfAbsent(txnId, t -> new Sent(room, t, new EventId("$file" + nextEvent++), file,
                threadRoot)).eventId();
    }

    @Override
    public synchronized EventId forwardFile(RoomId room, String txnId, SharedFile file, EventId threadRoot) {
        attempt(txnId);
        if (file.encryptedMedia() && unencrypted.contains(room)) {
            throw new ChatRefusedException("fake refusal: an encrypted file into unencrypted " + room.value(), null);
        }
        return forwardedByTxn.computeIfAbsent(txnId, t -> new Forwarded(room, t,
                new EventId("$forward" + nextEvent++), file, threadRoot)).eventId();
    }

    /** Counts the call and throws what was scripted for it. */
    private void attempt(String txnId) {
        attempts.add(txnId);
        if (failing > 0) {
            failing--;
            throw new ChatException("fake file failure for " + txnId);
        }
        if (refused > 0) {
            refused--;
            throw new ChatRefusedException("fake refusal (413) for " + txnId, null);
        }
    }

    /** Every file posted, once per transaction id, in order. */
    public synchronized List<Sent> sent() {
        return List.copyOf(byTxn.values());
    }

    /** The only file posted so far; fails if there were none or several. */
    public synchronized Sent onlyFile() {
        return only(byTxn, "posted");
    }

    /** Every file re-posted, once per transaction id, in order. */
    public synchronized List<Forwarded> forwarded() {
        return List.copyOf(forwardedByTxn.values());
    }

    /** The only file re-posted so far; fails if there were none or several. */
    public synchronized Forwarded onlyForward() {
        return only(forwardedByTxn, "re-posted");
    }

    private static <T> T only(Map<String, T> byTxn, String what) {
        if (byTxn.size() != 1) {
            throw new AssertionError("expected exactly one file " + what + ", got " + byTxn.size());
        }
        return byTxn.values().iterator().next();
    }

    /** The transaction id of every call, in order: retries and failed attempts included. */
    public synchronized List<String> attempts() {
        return List.copyOf(attempts);
    }
}
