package org.assemblybot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link RoomSettings} does; {@link StoreContractsTest} runs it on each implementation. */
abstract class RoomSettingsContract extends StoreContract<RoomSettings> {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    @Test
    void aRoomHasNoZoneUntilOneIsSet() {
        assertEquals(Optional.empty(), store.zone(ROOM));
    }

    @Test
    void storesAndReplacesTheZonePerRoom() {
        store.setZone(ROOM, BERLIN);
        store.setZone(ROOM, LORD_HOWE);
        assertEquals(Optional.of(LORD_HOWE), store.zone(ROOM));
        assertEquals(Optional.empty(), store.zone(OTHER_ROOM));
    }

    @Test
    void forgetsOnlyThatRoom() {
        store.setZone(ROOM, BERLIN);
        store.setZone(OTHER_ROOM, LORD_HOWE);
        store.forget(ROOM);
        assertEquals(Optional.empty(), store.zone(ROOM));
        assertEquals(Optional.of(LORD_HOWE), store.zone(OTHER_ROOM));
    }

    @Test
    void forgettingAnUnknownRoomIsHarmless() {
        store.forget(ROOM);
        assertEquals(Optional.empty(), store.zone(ROOM));
    }
}
