package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;

/**
 * Native polls in memory: records every start and end, and — like the homeserver — turns a repeated
 * transaction id into the same event instead of a second one (M1). {@link #attempts()} counts every call.
 */
public final class FakePolls implements Polls {
    public record Started(RoomId room, String txnId, EventId eventId, PollStart poll) {
    }

    public record Ended(RoomId room, String txnId, EventId eventId, EventId poll, String results) {
    }

    private final Map<String, Started> started = new LinkedHashMap<>();
    private final Map<String, Ended> ended = new LinkedHashMap<>();
    private final List<String> attempts = new ArrayList<>();
    private int failingStarts;
    private int failingEnds;
    private int nextEvent = 1;

    /** The next {@code count} calls to {@link #startPoll} throw {@link ChatException}. */
    public synchronized FakePolls failNextStarts(int count) {
        failingStarts = count;
        return this;
    }

    @Override
    public synchronized EventId startPoll(RoomId room, String txnId, PollStart poll) {
        attempts.add("start " + txnId);
        if (failingStarts > 0) {
            failingStarts--;
            throw new ChatException("fake poll failure for " + txnId);
        }
        return started.computeIfAbsent(txnId, t -> new Started(room, t, new EventId("$poll" + nextEvent++), poll))
                .eventId();
    }

    /** The next {@code count} calls to {@link #endPoll} throw {@link ChatException}. */
    public synchronized FakePolls failNextEnds(int count) {
        failingEnds = count;
        return this;
    }

    @Override
    public synchronized EventId endPoll(RoomId room, String txnId, EventId poll, String results) {
        attempts.add("end " + txnId);
        if (failingEnds > 0) {
            failingEnds--;
            throw new ChatException("fake poll end failure for " + txnId);
        }
        return ended.computeIfAbsent(txnId, t -> new Ended(room, t, new EventId("$pollend" + nextEvent++), poll,
                results)).eventId();
    }

    public synchronized List<Started> started() {
        return List.copyOf(started.values());
    }

    public synchronized List<Ended> ended() {
        return List.copyOf(ended.values());
    }

    /** Every call, also repeats with a known transaction id: "start txn" or "end txn". */
    public synchronized List<String> attempts() {
        return List.copyOf(attempts);
    }
}
