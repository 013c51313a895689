package org.assemblybot.feature.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.RoomId;

/**
 * A room's assemblies as the database plans them: the rhythm's occurrences and the one-offs, in time order, the
 * skipped ones marked. Computed on every call from the stored rule, so a skip never touches the rule and
 * {@code !tz} or a restart changes nothing.
 */
final class Assemblies {
    /** Far enough for any caller; keeps a recurrence from being walked without end. */
    static final int MAX_LIMIT = 100;

    /** One assembly to come. */
    record Planned(RoomId room, Instant start, Duration duration, List<Duration> notices, boolean oneOff,
                   boolean skipped) {
    }

    private final AssemblyStore store;

    Assemblies(AssemblyStore store) {
        this.store = store;
    }

    /** The assemblies starting at or after {@code from}, at most {@code limit}; skipped ones only if asked. */
    List<Planned> from(RoomId room, Instant from, int limit, boolean withSkipped) {
        int wanted = Math.min(Math.max(limit, 0), MAX_LIMIT);
        if (wanted == 0) {
            return List.of();
        }
        Set<Instant> skipped = store.skippedFrom(room, from);
        List<Planned> all = new ArrayList<>();
        store.oneOffsFrom(room, from).forEach(one -> all.add(new Planned(room, one.start(), one.duration(),
                one.notices(), true, skipped.contains(one.start()))));
        store.rhythm(room).ifPresent(rhythm -> {
            // Enough occurrences that, after the skipped ones are left out, `wanted` remain.
            Instant after = from.minusNanos(1);
            for (int i = 0; i < wanted + skipped.size(); i++) {
                Optional<Instant> next = rhythm.recurrence().next(after);
                if (next.isEmpty()) {
                    break;
                }
                after = next.get();
                all.add(new Planned(room, after, rhythm.duration(), rhythm.notices(), false, skipped.contains(after)));
            }
        });
        return all.stream().filter(a -> withSkipped || !a.skipped())
                .sorted(Comparator.comparing(Planned::start).thenComparing(Planned::oneOff))
                .limit(wanted).toList();
    }

    /** The assembly (skipped or not) that starts at {@code start}, if one does. */
    Optional<Planned> at(RoomId room, Instant start) {
        return from(room, start, 1, true).stream().filter(a -> a.start().equals(start)).findFirst();
    }

    /** Forgets one-offs and skips that started before {@code before} (they are no longer planned). */
    void forgetBefore(Instant before) {
        store.forgetBefore(before);
    }

    /** How many one-off assemblies the room has planned from {@code now} on, cancelled ones left out. */
    int oneOffsPlanned(RoomId room, Instant now) {
        Set<Instant> skipped = store.skippedFrom(room, now);
        return (int) store.oneOffsFrom(room, now).stream().filter(one -> !skipped.contains(one.start())).count();
    }
}
