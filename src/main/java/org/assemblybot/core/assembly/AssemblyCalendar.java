package org.assemblybot.core.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;

/**
 * A room's meeting rhythm as other features see it: the assemblies to come, with skipped ones left out. The
 * assembly feature keeps it; rotation (per-assembly terms) and the global mirror (prompts before each assembly)
 * read it through this port, so features never depend on each other.
 */
public interface AssemblyCalendar {
    /** One assembly: when it starts (an instant; the room's zone says the local time) and how long it lasts. */
    record Occurrence(RoomId room, Instant start, Duration duration) {
        public Occurrence {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Told, inside the transaction that changed them, when a room's assemblies were added, moved or skipped. */
    @FunctionalInterface
    interface Listener {
        void assembliesChanged(RoomId room);
    }

    /** The room's next assemblies starting at or after {@code from}, at most {@code limit}, in time order. */
    List<Occurrence> upcoming(RoomId room, Instant from, int limit);

    /** Registers a listener (at wiring time, before anything runs). */
    void addListener(Listener listener);
}
