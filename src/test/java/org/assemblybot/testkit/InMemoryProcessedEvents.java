package org.assemblybot.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.ProcessedEvents;

/** {@link ProcessedEvents} in memory, for tests that do not need the database. */
public final class InMemoryProcessedEvents implements ProcessedEvents {
    private final Map<EventId, Instant> handled = new ConcurrentHashMap<>();

    @Override
    public boolean markHandled(RoomId room, EventId event, Instant at) {
        return handled.putIfAbsent(event, at) == null;
    }

    @Override
    public boolean isHandled(EventId event) {
        return handled.containsKey(event);
    }

    @Override
    public synchronized int pruneOlderThan(Instant before, int limit) {
        List<EventId> oldestFirst = handled.entrySet().stream()
                .filter(e -> e.getValue().isBefore(before))
                .sorted(Map.Entry.comparingByValue())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        oldestFirst.forEach(handled::remove);
        return oldestFirst.size();
    }
}
