package org.assemblybot.adapter.sqlite;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;

/**
 * {@link Outbox} in the {@code outbox} table, the intent as JSON. Rows are deleted once sent; the database
 * runs with {@code secure_delete} so the text is overwritten, and {@link Database#checkpoint()} clears it
 * from the WAL.
 */
public final class SqliteOutbox implements Outbox {
    private final Sql sql;

    public SqliteOutbox(Database db) {
        this.sql = new Sql(db);
    }

    /**
     * Queues the entry. Enqueueing a transaction id that is still pending keeps the first entry and ignores
     * the second: a job that fires twice (T4) must yield one message, and the id is the identity.
     */
    @Override
    public void enqueue(Pending entry) {
        sql.update("INSERT OR IGNORE INTO outbox(txn_id, room_id, person_id, content, queued_at, not_after) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                entry.txnId(), entry.room() == null ? null : entry.room().value(),
                entry.person() == null ? null : entry.person().value(), OutboxIntentJson.write(entry.intent()),
                entry.queuedAt().toEpochMilli(), entry.notAfter() == null ? null : entry.notAfter().toEpochMilli());
    }

    @Override
    public List<Pending> pending() {
        // rowid breaks ties between entries queued in the same millisecond, in insertion order.
        return sql.list("SELECT txn_id, room_id, person_id, content, queued_at, not_after FROM outbox "
                        + "ORDER BY queued_at, rowid",
                row -> {
                    String room = row.getString(2);
                    String person = row.getString(3);
                    long notAfter = row.getLong(6);
                    boolean noDeadline = row.wasNull();
                    return new Pending(row.getString(1), room == null ? null : new RoomId(room),
                            person == null ? null : new UserId(person), OutboxIntentJson.read(row.getString(4)),
                            Instant.ofEpochMilli(row.getLong(5)), noDeadline ? null : Instant.ofEpochMilli(notAfter));
                });
    }

    @Override
    public void remove(String txnId) {
        sql.update("DELETE FROM outbox WHERE txn_id = ?", txnId);
    }
}
