package org.assemblybot.adapter.sqlite;

import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.UndecryptableCounts;

/** {@link UndecryptableCounts} in the {@code utd_failures} and {@code utd_notified} tables. */
public final class SqliteUndecryptableCounts implements UndecryptableCounts {
    private final Database db;
    private final Sql sql;

    public SqliteUndecryptableCounts(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    @Override
    public long recordFailure(RoomId room) {
        // One transaction, so the total returned is the one this call produced.
        return db.inTransaction(() -> {
            sql.update("INSERT INTO utd_failures(room_id, failures) VALUES (?, 1)"
                    + " ON CONFLICT(room_id) DO UPDATE SET failures = failures + 1", room.value());
            return failures(room);
        });
    }

    @Override
    public long failures(RoomId room) {
        return sql.one("SELECT failures FROM utd_failures WHERE room_id = ?", row -> row.getLong(1), room.value())
                .orElse(0L);
    }

    @Override
    public boolean firstNoticeFor(RoomId room, UserId user) {
        return sql.update("INSERT OR IGNORE INTO utd_notified(room_id, user_id) VALUES (?, ?)",
                room.value(), user.value()) == 1;
    }
}
