package org.assemblybot.adapter.sqlite;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;

/**
 * {@link Outbox} in the {@code outbox} table, the intent as JSON. Rows are deleted once sent; the database
 * runs with {@code secure_delete} so the text is overwritten, and {@link Database#checkpoint()} clears it
 * from the WAL. Parked rows ({@code parked = 1}) are stored but not queued.
 */
public final class SqliteOutbox implements Outbox {
    private static final String COLUMNS = "txn_id, room_id, person_id, content, queued_at, not_after";

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
        return sql.list("SELECT " + COLUMNS + " FROM outbox WHERE parked = 0 ORDER BY queued_at, rowid",
                SqliteOutbox::entry);
    }

    @Override
    public boolean isPending(String txnId) {
        return sql.one("SELECT 1 FROM outbox WHERE txn_id = ? AND parked = 0", row -> true, txnId).isPresent();
    }

    @Override
    public void park(Pending entry) {
        // Replaces only a parked row: a queued entry under this id may already be on its way.
        sql.update("INSERT INTO outbox(txn_id, room_id, person_id, content, queued_at, not_after, parked) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT(txn_id) DO UPDATE SET room_id = excluded.room_id, "
                        + "person_id = excluded.person_id, content = excluded.content, queued_at = excluded.queued_at, "
                        + "not_after = excluded.not_after WHERE parked = 1",
                entry.txnId(), entry.room() == null ? null : entry.room().value(),
                entry.person() == null ? null : entry.person().value(), OutboxIntentJson.write(entry.intent()),
                entry.queuedAt().toEpochMilli(), entry.notAfter() == null ? null : entry.notAfter().toEpochMilli());
    }

    @Override
    public Optional<Pending> takeParked(String txnId) {
        Optional<Pending> parked = sql.one("SELECT " + COLUMNS + " FROM outbox WHERE txn_id = ? AND parked = 1",
                SqliteOutbox::entry, txnId);
        parked.ifPresent(entry -> sql.update("DELETE FROM outbox WHERE txn_id = ? AND parked = 1", txnId));
        return parked;
    }

    private static Pending entry(java.sql.ResultSet row) throws java.sql.SQLException {
        String room = row.getString(2);
        String person = row.getString(3);
        long notAfter = row.getLong(6);
        boolean noDeadline = row.wasNull();
        return new Pending(row.getString(1), room == null ? null : new RoomId(room),
                person == null ? null : new UserId(person), OutboxIntentJson.read(row.getString(4)),
                Instant.ofEpochMilli(row.getLong(5)), noDeadline ? null : Instant.ofEpochMilli(notAfter));
    }

    @Override
    public void remove(String txnId) {
        sql.update("DELETE FROM outbox WHERE txn_id = ?", txnId);
    }

    @Override
    public Backlog backlog() {
        return sql.one("SELECT count(*), min(queued_at) FROM outbox WHERE parked = 0", row -> {
            int depth = row.getInt(1);
            long oldest = row.getLong(2);
            return new Backlog(depth, row.wasNull() ? null : Instant.ofEpochMilli(oldest)); // after reading column 2
        }).orElseThrow();
    }
}
