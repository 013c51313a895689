package org.assemblybot.adapter.sqlite;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.store.Outbox;

/**
 * {@link Outbox} in the {@code outbox} table, the message as JSON. Rows are deleted once sent; the database
 * runs with {@code secure_delete} so the text is overwritten, and {@link Database#checkpoint()} clears it
 * from the WAL.
 */
public final class SqliteOutbox implements Outbox {
    private final Sql sql;

    public SqliteOutbox(Database db) {
        this.sql = new Sql(db);
    }

    /**
     * Queues the message. Enqueueing a transaction id that is still pending keeps the first message and
     * ignores the second: a job that fires twice (T4) must yield one message, and the id is the identity.
     */
    @Override
    public void enqueue(String txnId, RoomId room, OutgoingMessage message, Instant at) {
        sql.update("INSERT OR IGNORE INTO outbox(txn_id, room_id, content, queued_at) VALUES (?, ?, ?, ?)",
                txnId, room.value(), OutgoingMessageJson.write(message), at.toEpochMilli());
    }

    @Override
    public List<Pending> pending() {
        // rowid breaks ties between messages queued in the same millisecond, in insertion order.
        return sql.list("SELECT txn_id, room_id, content, queued_at FROM outbox ORDER BY queued_at, rowid",
                row -> new Pending(row.getString(1), new RoomId(row.getString(2)),
                        OutgoingMessageJson.read(row.getString(3)), Instant.ofEpochMilli(row.getLong(4))));
    }

    @Override
    public void remove(String txnId) {
        sql.update("DELETE FROM outbox WHERE txn_id = ?", txnId);
    }
}
