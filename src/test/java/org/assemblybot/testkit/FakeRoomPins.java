package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.RoomPins;

/**
 * Room pins in memory: which rooms the bot may change the pins of (none until a test says so), what is pinned
 * now, and every pin and unpin call made — so a test can see that the relay asked first and did not try where
 * it may not.
 */
public final class FakeRoomPins implements RoomPins {
    private final Set<RoomId> allowed = new HashSet<>();
    private final Set<String> pinned = new LinkedHashSet<>();
    private final List<String> calls = new ArrayList<>();
    private int failing;

    /** The bot's power level in {@code room} reaches what {@code m.room.pinned_events} needs. */
    public synchronized FakeRoomPins allow(RoomId room) {
        allowed.add(room);
        return this;
    }

    /** The next {@code count} pin or unpin calls throw {@link ChatException}. */
    public synchronized FakeRoomPins failNext(int count) {
        failing = count;
        return this;
    }

    @Override
    public synchronized boolean maySetPins(RoomId room) {
        return allowed.contains(room);
    }

    @Override
    public synchronized void pin(RoomId room, EventId event) {
        change("pin", room, event);
        pinned.add(room.value() + " " + event.value());
    }

    @Override
    public synchronized void unpin(RoomId room, EventId event) {
        change("unpin", room, event);
        pinned.remove(room.value() + " " + event.value());
    }

    private void change(String what, RoomId room, EventId event) {
        calls.add(what + " " + room.value() + " " + event.value());
        if (!allowed.contains(room)) {
            throw new AssertionError(what + " in " + room.value() + " without the power level (M8: ask first)");
        }
        if (failing > 0) {
            failing--;
            throw new ChatException("fake pin failure");
        }
    }

    /** What is pinned now, as "room event". */
    public synchronized List<String> pinned() {
        return List.copyOf(pinned);
    }

    /** Every pin and unpin call, as "pin room event", failed ones included. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
