package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.chat.RoomId;

/** A room's assemblies as the tests set them: weekly from a first start, moved or skipped one by one. */
final class FakeCalendar implements AssemblyCalendar {
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    /** {@code count} weekly assemblies of two hours from {@code first}; tells the listeners. */
    FakeCalendar weekly(RoomId room, Instant first, int count) {
        for (int i = 0; i < count; i++) {
            occurrences.add(new Occurrence(room, first.plus(Duration.ofDays(7L * i)), Duration.ofHours(2)));
        }
        return changed(room);
    }

    /** {@code count} weekly assemblies of two hours at {@code first}'s local time, across daylight saving. */
    FakeCalendar weeklyAt(RoomId room, ZonedDateTime first, int count) {
        for (int i = 0; i < count; i++) {
            occurrences.add(new Occurrence(room, first.plusWeeks(i).toInstant(), Duration.ofHours(2)));
        }
        return changed(room);
    }

    /** The assembly at {@code start} is skipped; tells the listeners. */
    FakeCalendar skip(RoomId room, Instant start) {
        occurrences.removeIf(o -> o.room().equals(room) && o.start().equals(start));
        return changed(room);
    }

    /** The assembly at {@code start} moves to {@code to}; tells the listeners. */
    FakeCalendar move(RoomId room, Instant start, Instant to) {
        occurrences.removeIf(o -> o.room().equals(room) && o.start().equals(start));
        occurrences.add(new Occurrence(room, to, Duration.ofHours(2)));
        return changed(room);
    }

    private FakeCalendar changed(RoomId room) {
        occurrences.sort(Comparator.comparing(Occurrence::start));
        listeners.forEach(l -> l.assembliesChanged(room));
        return this;
    }

    @Override
    public List<Occurrence> upcoming(RoomId room, Instant from, int limit) {
        return occurrences.stream().filter(o -> o.room().equals(room) && !o.start().isBefore(from)).limit(limit)
                .toList();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }
}
