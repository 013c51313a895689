package org.assemblybot.feature.assembly;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.Recurrence;
import org.assemblybot.core.schedule.Recurrences;

/** {@link AssemblyStore} in the {@code assembly_*} tables. */
public final class SqliteAssemblyStore implements AssemblyStore {
    private final Database db;
    private final Sql sql;
    private final Function<String, Recurrence> recurrences;

    public SqliteAssemblyStore(Database db) {
        this(db, Recurrences::parse);
    }

    /** @param recurrences reads back {@link Recurrence#encode()} */
    public SqliteAssemblyStore(Database db, Function<String, Recurrence> recurrences) {
        this.db = db;
        this.sql = new Sql(db);
        this.recurrences = recurrences;
    }

    @Override
    public Optional<Rhythm> rhythm(RoomId room) {
        return sql.one("SELECT recurrence, duration_s, notices FROM assembly_rhythms WHERE room_id = ?",
                row -> new Rhythm(room, recurrences.apply(row.getString(1)), Duration.ofSeconds(row.getLong(2)),
                        notices(row.getString(3))), room.value());
    }

    @Override
    public void setRhythm(Rhythm rhythm, Instant now) {
        sql.update("INSERT INTO assembly_rhythms(room_id, recurrence, duration_s, notices, set_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(room_id) DO UPDATE SET recurrence = excluded.recurrence,"
                        + " duration_s = excluded.duration_s, notices = excluded.notices, set_at = excluded.set_at",
                rhythm.room().value(), rhythm.recurrence().encode(), rhythm.duration().toSeconds(),
                notices(rhythm.notices()), now.toEpochMilli());
    }

    @Override
    public boolean endRhythm(RoomId room) {
        return sql.update("DELETE FROM assembly_rhythms WHERE room_id = ?", room.value()) > 0;
    }

    @Override
    public long addOneOff(OneOff draft) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO assembly_one_offs(room_id, start_at, duration_s, notices) VALUES (?, ?, ?, ?)",
                    draft.room().value(), draft.start().toEpochMilli(), draft.duration().toSeconds(),
                    notices(draft.notices()));
            return sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
        });
    }

    @Override
    public List<OneOff> oneOffsFrom(RoomId room, Instant from) {
        return sql.list("SELECT id, start_at, duration_s, notices FROM assembly_one_offs"
                        + " WHERE room_id = ? AND start_at >= ? ORDER BY start_at, id",
                row -> oneOff(room, row), room.value(), from.toEpochMilli());
    }

    @Override
    public boolean skip(RoomId room, Instant start) {
        return sql.update("INSERT OR IGNORE INTO assembly_skips(room_id, start_at) VALUES (?, ?)", room.value(),
                start.toEpochMilli()) > 0;
    }

    @Override
    public Set<Instant> skippedFrom(RoomId room, Instant from) {
        return new HashSet<>(sql.list("SELECT start_at FROM assembly_skips WHERE room_id = ? AND start_at >= ?",
                row -> Instant.ofEpochMilli(row.getLong(1)), room.value(), from.toEpochMilli()));
    }

    @Override
    public void forgetBefore(Instant before) {
        db.run(() -> {
            sql.update("DELETE FROM assembly_one_offs WHERE start_at < ?", before.toEpochMilli());
            sql.update("DELETE FROM assembly_skips WHERE start_at < ?", before.toEpochMilli());
        });
    }

    @Override
    public void dropRoom(RoomId room) {
        db.run(() -> {
            sql.update("DELETE FROM assembly_rhythms WHERE room_id = ?", room.value());
            sql.update("DELETE FROM assembly_one_offs WHERE room_id = ?", room.value());
            sql.update("DELETE FROM assembly_skips WHERE room_id = ?", room.value());
        });
    }

    private static OneOff oneOff(RoomId room, ResultSet row) throws SQLException {
        return new OneOff(row.getLong(1), room, Instant.ofEpochMilli(row.getLong(2)),
                Duration.ofSeconds(row.getLong(3)), notices(row.getString(4)));
    }

    private static String notices(List<Duration> offsets) {
        return offsets.stream().map(d -> Long.toString(d.toSeconds())).collect(Collectors.joining(","));
    }

    private static List<Duration> notices(String stored) {
        return stored.isEmpty() ? List.of()
                : Arrays.stream(stored.split(",")).map(s -> Duration.ofSeconds(Long.parseLong(s))).toList();
    }
}
