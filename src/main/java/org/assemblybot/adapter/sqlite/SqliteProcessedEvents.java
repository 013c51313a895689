package org.assemblybot.adapter.sqlite;

import java.time.Instant;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.ProcessedEvents;

/** {@link ProcessedEvents} in the {@code processed_events} table. */
public final class SqliteProcessedEvents implements ProcessedEvents {
    private final Sql sql;

    public SqliteProcessedEvents(Database db) {
        this.sql = new Sql(db);
    }

    @Override
    public boolean markHandled(RoomId room, EventId event, Instant at) {
        // OR IGNORE turns "already there" into zero changed rows instead of a constraint error.
        return sql.update("INSERT OR IGNORE INTO processed_events(event_id, room_id, handled_at) VALUES (?, ?, ?)",
                event.value(), room.value(), at.toEpochMilli()) == 1;
    }

    @Override
    public boolean isHandled(EventId event) {
        return sql.one("SELECT 1 FROM processed_events WHERE event_id = ?", row -> true, event.value()).isPresent();
    }

    @Override
    public int pruneOlderThan(Instant before, int limit) {
        // SQLite's DELETE has no LIMIT unless compiled with it; a rowid subquery on the handled_at index does.
        return sql.update("DELETE FROM processed_events WHERE rowid IN (SELECT rowid FROM processed_events"
                + " WHERE handled_at < ? ORDER BY handled_at LIMIT ?)", before.toEpochMilli(), limit);
    }
}
