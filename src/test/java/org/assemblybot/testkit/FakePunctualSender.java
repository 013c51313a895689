package org.assemblybot.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.LeadCalibrator;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.RoomId;

/**
 * A {@link PunctualSender} that records every {@link #prepare} and {@link #sendAll} call and delivers what it
 * sends into a {@link FakeChat} (which, like the homeserver, turns a repeated transaction id into the same
 * event). Rooms can be made to fail at preparing or at sending.
 */
public final class FakePunctualSender implements PunctualSender {
    public record PreparedMessage(RoomId room, String txnId, OutgoingMessage message) implements Prepared {
    }

    private final FakeChat chat;
    private final LeadCalibrator leads = new LeadCalibrator(Clock.systemUTC());
    private final List<PreparedMessage> prepareCalls = new ArrayList<>();
    private final List<List<Prepared>> sendAllCalls = new ArrayList<>();
    private final List<Instant> sendAt = new ArrayList<>();
    private Runnable probe = () -> { };
    private final Set<RoomId> failingSends = new HashSet<>();
    private final Set<RoomId> failingPrepares = new HashSet<>();

    public FakePunctualSender(FakeChat chat) {
        this.chat = chat;
    }

    /** {@link #sendAll} reports an error for {@code room} (and delivers nothing there). */
    public synchronized FakePunctualSender failSendsTo(RoomId room) {
        failingSends.add(room);
        return this;
    }

    /** {@link #prepare} throws for {@code room}. */
    public synchronized FakePunctualSender failPreparesFor(RoomId room) {
        failingPrepares.add(room);
        return this;
    }

    /** {@code probe} runs at the start of every {@link #prepare} and {@link #sendAll} call (the network calls). */
    public synchronized FakePunctualSender onEachCall(Runnable probe) {
        this.probe = probe;
        return this;
    }

    /** A calibrator nothing stamps: the default lead holds unless a test feeds it. */
    @Override
    public LeadCalibrator leads() {
        return leads;
    }

    @Override
    public synchronized Prepared prepare(RoomId room, String txnId, OutgoingMessage message) {
        probe.run();
        if (failingPrepares.contains(room)) {
            throw new ChatException("fake prepare failure for " + room.value());
        }
        PreparedMessage prepared = new PreparedMessage(room, txnId, message);
        prepareCalls.add(prepared);
        return prepared;
    }

    @Override
    public synchronized Map<RoomId, Result> sendAll(List<Prepared> prepared, Instant at) {
        probe.run();
        sendAllCalls.add(List.copyOf(prepared));
        sendAt.add(at);
        Map<RoomId, Result> results = new LinkedHashMap<>();
        for (Prepared one : prepared) {
            if (failingSends.contains(one.room())) {
                results.put(one.room(), new Result(null, new ChatException("fake send failure")));
            } else {
                PreparedMessage message = (PreparedMessage) one;
                results.put(one.room(), new Result(chat.send(one.room(), one.txnId(), message.message()), null));
            }
        }
        return results;
    }

    public synchronized List<PreparedMessage> prepareCalls() {
        return List.copyOf(prepareCalls);
    }

    /** The instant each {@link #sendAll} call was asked to send at. */
    public synchronized List<Instant> sendAt() {
        return List.copyOf(sendAt);
    }

    public synchronized List<List<Prepared>> sendAllCalls() {
        return List.copyOf(sendAllCalls);
    }
}
