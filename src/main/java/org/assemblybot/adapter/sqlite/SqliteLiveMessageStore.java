package org.assemblybot.adapter.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.live.LiveMessageStore;

/** {@link LiveMessageStore} in the {@code live_messages} table: ids and hashes only. */
public final class SqliteLiveMessageStore implements LiveMessageStore {
    private static final String COLUMNS = "live_key, room_id, event_id, pinned, shown_hash, queued_txn, queued_hash, "
            + "wanted_hash, edits, state";

    private final Sql sql;

    public SqliteLiveMessageStore(Database db) {
        this.sql = new Sql(db);
    }

    @Override
    public Optional<Row> find(LiveKey key, RoomId room) {
        return sql.one("SELECT " + COLUMNS + " FROM live_messages WHERE live_key = ? AND room_id = ?",
                SqliteLiveMessageStore::row, key.value(), room.value());
    }

    @Override
    public Optional<Row> byQueuedTxn(String txnId) {
        return sql.one("SELECT " + COLUMNS + " FROM live_messages WHERE queued_txn = ?", SqliteLiveMessageStore::row,
                txnId);
    }

    @Override
    public Optional<Row> byEvent(RoomId room, EventId event) {
        return sql.one("SELECT " + COLUMNS + " FROM live_messages WHERE room_id = ? AND event_id = ?",
                SqliteLiveMessageStore::row, room.value(), event.value());
    }

    @Override
    public List<Row> withKey(LiveKey key) {
        return sql.list("SELECT " + COLUMNS + " FROM live_messages WHERE live_key = ? ORDER BY rowid",
                SqliteLiveMessageStore::row, key.value());
    }

    @Override
    public void save(Row row) {
        // An upsert, not INSERT OR REPLACE: the row keeps its rowid, so rooms stay in the order they were shown.
        sql.update("INSERT INTO live_messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (live_key, room_id) DO UPDATE SET event_id = excluded.event_id, "
                        + "pinned = excluded.pinned, shown_hash = excluded.shown_hash, queued_txn = excluded.queued_txn, "
                        + "queued_hash = excluded.queued_hash, wanted_hash = excluded.wanted_hash, "
                        + "edits = excluded.edits, state = excluded.state",
                row.key().value(), row.room().value(), row.event() == null ? null : row.event().value(),
                row.pinned() ? 1 : 0, row.shownHash(), row.queuedTxn(), row.queuedHash(), row.wantedHash(),
                row.edits(), row.state().name());
    }

    @Override
    public void delete(LiveKey key, RoomId room) {
        sql.update("DELETE FROM live_messages WHERE live_key = ? AND room_id = ?", key.value(), room.value());
    }

    private static Row row(ResultSet row) throws SQLException {
        String event = row.getString(3);
        return new Row(LiveKey.parse(row.getString(1)), new RoomId(row.getString(2)),
                event == null ? null : new EventId(event), row.getInt(4) == 1, row.getString(5), row.getString(6),
                row.getString(7), row.getString(8), row.getInt(9), State.valueOf(row.getString(10)));
    }
}
