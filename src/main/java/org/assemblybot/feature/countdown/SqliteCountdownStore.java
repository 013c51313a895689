package org.assemblybot.feature.countdown;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.CreatorRedactionNotice;

/** {@link CountdownStore} in the {@code sync_*} tables. */
public final class SqliteCountdownStore implements CountdownStore {
    private static final String ACTION_COLUMNS =
            "id, title, t0, duration_ms, notices, zones, origin_room, created_by, state";

    private final Database db;
    private final Sql sql;

    public SqliteCountdownStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    @Override
    public long create(SyncAction draft) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO sync_actions(title, t0, duration_ms, notices, zones, origin_room, created_by, state)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    draft.title(), draft.t0().toEpochMilli(),
                    draft.duration() == null ? null : draft.duration().toMillis(),
                    draft.notices().stream().map(d -> Long.toString(d.toSeconds())).collect(Collectors.joining(",")),
                    draft.zones().stream().map(ZoneId::getId).collect(Collectors.joining(",")),
                    draft.originRoom().value(), draft.createdBy().value(), draft.state().name());
            return sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
        });
    }

    @Override
    public void markIntense(long id) {
        sql.update("UPDATE sync_actions SET intense = 1 WHERE id = ?", id);
    }

    @Override
    public boolean intense(long id) {
        return sql.one("SELECT intense FROM sync_actions WHERE id = ?", row -> row.getInt(1) == 1, id).orElse(false);
    }

    @Override
    public Optional<SyncAction> find(long id) {
        return sql.one("SELECT " + ACTION_COLUMNS + " FROM sync_actions WHERE id = ?", SqliteCountdownStore::action, id);
    }

    @Override
    public List<SyncAction> plannedIn(RoomId room) {
        return sql.list("SELECT a." + ACTION_COLUMNS.replace(", ", ", a.") + " FROM sync_actions a"
                        + " JOIN sync_rooms r ON r.action_id = a.id"
                        + " WHERE r.room_id = ? AND r.state IN ('active', 'pending') AND a.state = 'PLANNED'"
                        + " ORDER BY a.t0, a.id",
                SqliteCountdownStore::action, room.value());
    }

    @Override
    public List<SyncAction> dueIn(RoomId room, Instant from, Instant to) {
        return sql.list("SELECT a." + ACTION_COLUMNS.replace(", ", ", a.") + " FROM sync_actions a"
                        + " JOIN sync_rooms r ON r.action_id = a.id"
                        + " WHERE r.room_id = ? AND r.state = 'active' AND a.t0 BETWEEN ? AND ? ORDER BY a.t0, a.id",
                SqliteCountdownStore::action, room.value(), from.toEpochMilli(), to.toEpochMilli());
    }

    @Override
    public void setState(long id, SyncAction.State state) {
        sql.update("UPDATE sync_actions SET state = ? WHERE id = ?", state.name(), id);
    }

    @Override
    public void setCommand(long id, EventId command, EventId threadRoot) {
        sql.update("UPDATE sync_actions SET command_event = ?, command_thread = ? WHERE id = ?", command.value(),
                threadRoot == null ? null : threadRoot.value(), id);
    }

    @Override
    public Optional<CreatorRedactionNotice.Creation> byCommand(RoomId room, EventId command) {
        return sql.one("SELECT id, command_thread FROM sync_actions WHERE origin_room = ? AND command_event = ?",
                row -> new CreatorRedactionNotice.Creation(row.getLong(1), event(row.getString(2))), room.value(),
                command.value());
    }

    @Override
    public void move(long id, Instant t0) {
        sql.update("UPDATE sync_actions SET t0 = ? WHERE id = ?", t0.toEpochMilli(), id);
    }

    @Override
    public void addRoom(long id, RoomId room, SyncRoom.Participation participation) {
        sql.update("INSERT OR IGNORE INTO sync_rooms(action_id, room_id, state) VALUES (?, ?, ?)", id, room.value(),
                participation.stored());
    }

    @Override
    public List<SyncRoom> rooms(long id) {
        return sql.list("SELECT action_id, room_id, state FROM sync_rooms WHERE action_id = ? ORDER BY rowid",
                row -> new SyncRoom(row.getLong(1), new RoomId(row.getString(2)),
                        SyncRoom.Participation.ofStored(row.getString(3))), id);
    }

    @Override
    public void dropRoom(long id, RoomId room) {
        sql.update("UPDATE sync_rooms SET state = 'dropped' WHERE action_id = ? AND room_id = ?", id, room.value());
    }

    @Override
    public boolean changeParticipation(long id, RoomId room, Set<SyncRoom.Participation> from,
                                       SyncRoom.Participation to) {
        if (from.isEmpty()) {
            return false;
        }
        String states = from.stream().map(p -> "'" + p.stored() + "'").collect(Collectors.joining(", "));
        return sql.update("UPDATE sync_rooms SET state = ? WHERE action_id = ? AND room_id = ? AND state IN ("
                + states + ")", to.stored(), id, room.value()) == 1;
    }

    @Override
    public boolean rsvp(long id, RoomId room, UserId user, EventId via) {
        return sql.update("INSERT OR IGNORE INTO sync_rsvps(action_id, user_id, room_id, via_event) VALUES (?, ?, ?, ?)",
                id, user.value(), room.value(), via == null ? null : via.value()) == 1;
    }

    @Override
    public Optional<Long> withdrawRsvp(RoomId room, EventId via) {
        return db.inTransaction(() -> {
            Optional<Long> action = sql.one("SELECT action_id FROM sync_rsvps WHERE room_id = ? AND via_event = ?",
                    row -> row.getLong(1), room.value(), via.value());
            action.ifPresent(id -> sql.update("DELETE FROM sync_rsvps WHERE room_id = ? AND via_event = ?",
                    room.value(), via.value()));
            return action;
        });
    }

    @Override
    public Map<RoomId, Integer> rsvpCounts(long id) {
        Map<RoomId, Integer> counts = new LinkedHashMap<>();
        sql.list("SELECT v.room_id, COUNT(*) FROM sync_rsvps v JOIN sync_rooms r"
                        + " ON r.action_id = v.action_id AND r.room_id = v.room_id"
                        + " WHERE v.action_id = ? AND r.state = 'active' GROUP BY v.room_id ORDER BY v.room_id",
                row -> counts.put(new RoomId(row.getString(1)), row.getInt(2)), id);
        return counts;
    }

    private static SyncAction action(ResultSet row) throws SQLException {
        long duration = row.getLong(4);
        Duration length = row.wasNull() ? null : Duration.ofMillis(duration);
        return new SyncAction(row.getLong(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)), length,
                split(row.getString(5)).stream().map(s -> Duration.ofSeconds(Long.parseLong(s))).toList(),
                split(row.getString(6)).stream().map(ZoneId::of).toList(),
                new RoomId(row.getString(7)), new UserId(row.getString(8)), SyncAction.State.valueOf(row.getString(9)));
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static EventId event(String value) {
        return value == null ? null : new EventId(value);
    }
}
