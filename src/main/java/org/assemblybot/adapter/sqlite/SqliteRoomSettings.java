package org.assemblybot.adapter.sqlite;

import java.time.ZoneId;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.RoomSettings;

/** {@link RoomSettings} in the {@code room_settings} table. */
public final class SqliteRoomSettings implements RoomSettings {
    private final Sql sql;

    public SqliteRoomSettings(Database db) {
        this.sql = new Sql(db);
    }

    @Override
    public Optional<ZoneId> zone(RoomId room) {
        return sql.one("SELECT zone FROM room_settings WHERE room_id = ? AND zone IS NOT NULL",
                row -> ZoneId.of(row.getString(1)), room.value());
    }

    @Override
    public void setZone(RoomId room, ZoneId zone) {
        sql.update("INSERT INTO room_settings(room_id, zone) VALUES (?, ?)"
                + " ON CONFLICT(room_id) DO UPDATE SET zone = excluded.zone", room.value(), zone.getId());
    }

    @Override
    public void forget(RoomId room) {
        sql.update("DELETE FROM room_settings WHERE room_id = ?", room.value());
    }
}
