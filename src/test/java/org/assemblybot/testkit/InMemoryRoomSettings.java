package org.assemblybot.testkit;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.RoomSettings;

/** {@link RoomSettings} in memory, for tests that do not need the database. */
public final class InMemoryRoomSettings implements RoomSettings {
    private final Map<RoomId, ZoneId> zones = new ConcurrentHashMap<>();

    @Override
    public Optional<ZoneId> zone(RoomId room) {
        return Optional.ofNullable(zones.get(room));
    }

    @Override
    public void setZone(RoomId room, ZoneId zone) {
        zones.put(room, zone);
    }

    @Override
    public void forget(RoomId room) {
        zones.remove(room);
    }
}
