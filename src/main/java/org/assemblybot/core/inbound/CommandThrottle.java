package org.assemblybot.core.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Per-person and per-room command limits (P5): nobody can make the bot flood a room, or flood the bot.
 * A sliding window per (room, person) and one per room. In memory only: a restart forgives everyone.
 */
public final class CommandThrottle {
    /** What to do with one command. */
    public enum Decision { RUN, REFUSE_AND_SAY_SO, DROP }

    private final int perPerson;
    private final int perRoom;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private final Map<String, Instant> toldUntil = new HashMap<>();

    public CommandThrottle(int perPerson, int perRoom, Duration window, Clock clock) {
        this.perPerson = perPerson;
        this.perRoom = perRoom;
        this.window = window;
        this.clock = clock;
    }

    public static CommandThrottle defaults(Clock clock) {
        return new CommandThrottle(10, 30, Duration.ofSeconds(30), clock);
    }

    /**
     * Counts the command and decides. Over a limit, the person is told once per window and further
     * commands are dropped without an answer (answering every one would be the flood).
     */
    public synchronized Decision admit(RoomId room, UserId sender) {
        Instant now = clock.instant();
        String personKey = room.value() + "\n" + sender.value();
        String roomKey = room.value();
        boolean allowed = fits(personKey, perPerson, now) && fits(roomKey, perRoom, now);
        if (allowed) {
            record(personKey, now);
            record(roomKey, now);
            return Decision.RUN;
        }
        Instant told = toldUntil.get(personKey);
        if (told != null && now.isBefore(told)) {
            return Decision.DROP;
        }
        toldUntil.put(personKey, now.plus(window));
        return Decision.REFUSE_AND_SAY_SO;
    }

    public String refusal() {
        return "Slow down, please: at most " + perPerson + " commands a person and " + perRoom + " a room every "
                + window.toSeconds() + " seconds. I'll ignore further commands for a moment.";
    }

    private boolean fits(String key, int limit, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            recent.remove(key);
        }
        return times.size() < limit;
    }

    private void record(String key, Instant now) {
        recent.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }
}
