package org.assemblybot.adapter.sqlite;

import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.RoomJoins;

/** {@link RoomJoins} in the {@code room_joins} table. */
public final class SqliteRoomJoins implements RoomJoins {
    private final Sql sql;

    public SqliteRoomJoins(Database db) {
        this.sql = new Sql(db);
    }

    @Override
    public void recordJoin(RoomId room, Instant at) {
        // Keep the earliest time: a re-delivered or replayed join must not open the door to older commands.
        sql.update("INSERT INTO room_joins(room_id, joined_at) VALUES (?, ?)"
                + " ON CONFLICT(room_id) DO UPDATE SET joined_at = min(joined_at, excluded.joined_at)",
                room.value(), at.toEpochMilli());
    }

    @Override
    public Optional<Instant> joinedAt(RoomId room) {
        return sql.one("SELECT joined_at FROM room_joins WHERE room_id = ?",
                row -> Instant.ofEpochMilli(row.getLong(1)), room.value());
    }

    @Override
    public void forget(RoomId room) {
        sql.update("DELETE FROM room_joins WHERE room_id = ?", room.value());
    }
}
