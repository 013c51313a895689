package org.assemblybot.feature.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.Recurrence;

/** Where a room's assemblies live. Every method joins the caller's transaction when there is one. */
interface AssemblyStore {
    /** The room's recurring assembly: a rule in its zone, how long each lasts, and its reminder offsets. */
    record Rhythm(RoomId room, Recurrence recurrence, Duration duration, List<Duration> notices) {
        public Rhythm {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(recurrence, "recurrence");
            Objects.requireNonNull(duration, "duration");
            notices = List.copyOf(notices);
        }
    }

    /** One assembly outside the rhythm. */
    record OneOff(long id, RoomId room, Instant start, Duration duration, List<Duration> notices) {
        public OneOff {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(duration, "duration");
            notices = List.copyOf(notices);
        }
    }

    Optional<Rhythm> rhythm(RoomId room);

    /** Sets the room's rhythm, replacing the one it had. */
    void setRhythm(Rhythm rhythm, Instant now);

    /** Ends the room's rhythm; false when it had none. */
    boolean endRhythm(RoomId room);

    /** Stores a one-off assembly (its id is ignored) and returns the id it got. */
    long addOneOff(OneOff draft);

    /** The room's one-off assemblies starting at or after {@code from}, soonest first. */
    List<OneOff> oneOffsFrom(RoomId room, Instant from);

    /** Marks the assembly starting at {@code start} as skipped; false when it already was. */
    boolean skip(RoomId room, Instant start);

    /** The starts of the room's skipped assemblies at or after {@code from}. */
    Set<Instant> skippedFrom(RoomId room, Instant from);

    /** Forgets one-offs and skips that started before {@code before}, in every room. */
    void forgetBefore(Instant before);

    /** Forgets everything about the room (M6). */
    void dropRoom(RoomId room);
}
