package org.assemblybot.feature.debrief;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** {@link DebriefStore} in {@code debriefs} and, for retention and forgetting, the tables that hang off it (V15). */
public final class SqliteDebriefStore implements DebriefStore {
    private static final String COLUMNS = "id, room_id, action_id, title, action_at, starts_at, state, intense, "
            + "created_by, created_at, roles_end, purged_at";
    /** The signups of a debrief's micro-roles. */
    private static final String SIGNUPS_OF = "role_id IN (SELECT id FROM debrief_roles WHERE debrief_id = ?)";

    private final Database db;
    private final Sql sql;

    public SqliteDebriefStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    /** Other stores of this feature share the connection and its transactions. */
    Database database() {
        return db;
    }

    @Override
    public Debrief create(Debrief d) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO debriefs(room_id, action_id, title, action_at, starts_at, state, intense, "
                            + "created_by, created_at, roles_end, purged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    d.room().value(), d.actionId(), d.title(), d.actionAt().toEpochMilli(), d.startsAt().toEpochMilli(),
                    d.state().name(), d.intense() ? 1 : 0, d.createdBy().value(), d.createdAt().toEpochMilli(),
                    millis(d.rolesEnd()), millis(d.purgedAt()));
            return d.withId(sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow());
        });
    }

    @Override
    public Optional<Debrief> debrief(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM debriefs WHERE id = ?", SqliteDebriefStore::debrief, id);
    }

    @Override
    public void save(Debrief d) {
        sql.update("UPDATE debriefs SET title = ?, action_at = ?, starts_at = ?, state = ?, intense = ?, roles_end = ?, "
                        + "purged_at = ? WHERE id = ?", d.title(), d.actionAt().toEpochMilli(),
                d.startsAt().toEpochMilli(), d.state().name(), d.intense() ? 1 : 0, millis(d.rolesEnd()),
                millis(d.purgedAt()), d.id());
    }

    @Override
    public List<Debrief> inRoom(RoomId room, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM debriefs WHERE room_id = ? ORDER BY starts_at DESC, id DESC "
                + "LIMIT ?", SqliteDebriefStore::debrief, room.value(), limit);
    }

    @Override
    public Optional<Debrief> forAction(RoomId room, long actionId) {
        return sql.one("SELECT " + COLUMNS + " FROM debriefs WHERE room_id = ? AND action_id = ? AND state <> "
                + "'CANCELLED' ORDER BY id DESC", SqliteDebriefStore::debrief, room.value(), actionId);
    }

    @Override
    public List<Debrief> dueForPurge(Instant before) {
        return sql.list("SELECT " + COLUMNS + " FROM debriefs WHERE purged_at IS NULL AND roles_end IS NOT NULL "
                + "AND roles_end < ? ORDER BY id", SqliteDebriefStore::debrief, before.toEpochMilli());
    }

    @Override
    public void purge(long debriefId) {
        db.run(() -> {
            sql.update("INSERT OR REPLACE INTO debrief_counts(debrief_id, people, roles_held, newcomers, skills_used, "
                    + "skills_wished) VALUES (?, "
                    + "(SELECT COUNT(DISTINCT user_id) FROM debrief_signups WHERE kind = 'HOLDER' AND " + SIGNUPS_OF + "), "
                    + "(SELECT COUNT(*) + COALESCE(SUM(renewals), 0) FROM debrief_signups WHERE kind = 'HOLDER' AND "
                    + SIGNUPS_OF + "), "
                    + "(SELECT COUNT(DISTINCT user_id) FROM debrief_signups WHERE kind = 'HOLDER' AND newcomer = 1 AND "
                    + SIGNUPS_OF + "), "
                    + "(SELECT COUNT(*) FROM debrief_skills WHERE debrief_id = ? AND kind = 'USED'), "
                    + "(SELECT COUNT(*) FROM debrief_skills WHERE debrief_id = ? AND kind = 'WISHED'))",
                    debriefId, debriefId, debriefId, debriefId, debriefId, debriefId);
            sql.update("DELETE FROM debrief_signups WHERE " + SIGNUPS_OF, debriefId);
            sql.update("DELETE FROM debrief_skills WHERE debrief_id = ?", debriefId);
            sql.update("DELETE FROM debrief_progress WHERE debrief_id = ?", debriefId);
            sql.update("DELETE FROM debrief_invitees WHERE gathering_id IN (SELECT id FROM debrief_gatherings WHERE "
                    + "debrief_id = ?)", debriefId);
        });
    }

    @Override
    public Optional<Counts> counts(long debriefId) {
        return sql.one("SELECT people, roles_held, newcomers, skills_used, skills_wished FROM debrief_counts WHERE "
                + "debrief_id = ?", row -> new Counts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4),
                row.getInt(5)), debriefId);
    }

    @Override
    public int forget(RoomId room, UserId person) {
        return db.inTransaction(() -> {
            String ofRoom = "(SELECT id FROM debriefs WHERE room_id = ?)";
            int rows = sql.update("DELETE FROM debrief_signups WHERE user_id = ? AND role_id IN (SELECT id FROM "
                    + "debrief_roles WHERE debrief_id IN " + ofRoom + ")", person.value(), room.value());
            rows += sql.update("DELETE FROM debrief_skills WHERE user_id = ? AND debrief_id IN " + ofRoom,
                    person.value(), room.value());
            rows += sql.update("DELETE FROM debrief_progress WHERE user_id = ? AND debrief_id IN " + ofRoom,
                    person.value(), room.value());
            rows += sql.update("DELETE FROM debrief_invitees WHERE user_id = ? AND gathering_id IN (SELECT id FROM "
                    + "debrief_gatherings WHERE room_id = ?)", person.value(), room.value());
            return rows;
        });
    }

    @Override
    public List<RoomId> roomsKeeping(UserId person) {
        String who = person.value();
        return sql.list("SELECT room_id FROM debriefs WHERE id IN (SELECT debrief_id FROM debrief_skills WHERE user_id = ?)"
                + " OR id IN (SELECT debrief_id FROM debrief_progress WHERE user_id = ?)"
                + " OR id IN (SELECT r.debrief_id FROM debrief_roles r JOIN debrief_signups s ON s.role_id = r.id"
                + " WHERE s.user_id = ?)"
                + " UNION SELECT g.room_id FROM debrief_gatherings g JOIN debrief_invitees i ON i.gathering_id = g.id"
                + " WHERE i.user_id = ? ORDER BY 1", row -> new RoomId(row.getString(1)), who, who, who, who);
    }

    @Override
    public void forgetRoom(RoomId room) {
        db.run(() -> {
            String ofRoom = "(SELECT id FROM debriefs WHERE room_id = ?)";
            sql.update("DELETE FROM debrief_signups WHERE role_id IN (SELECT id FROM debrief_roles WHERE debrief_id IN "
                    + ofRoom + ")", room.value());
            sql.update("DELETE FROM debrief_roles WHERE debrief_id IN " + ofRoom, room.value());
            sql.update("DELETE FROM debrief_skills WHERE debrief_id IN " + ofRoom, room.value());
            sql.update("DELETE FROM debrief_progress WHERE debrief_id IN " + ofRoom, room.value());
            sql.update("DELETE FROM debrief_counts WHERE debrief_id IN " + ofRoom, room.value());
            sql.update("DELETE FROM debrief_invitees WHERE gathering_id IN (SELECT id FROM debrief_gatherings WHERE "
                    + "room_id = ?)", room.value());
            sql.update("DELETE FROM debrief_gatherings WHERE room_id = ?", room.value());
            sql.update("DELETE FROM debriefs WHERE room_id = ?", room.value());
        });
    }

    private static Debrief debrief(ResultSet row) throws SQLException {
        long action = row.getLong(3);
        Long actionId = row.wasNull() ? null : action;
        return new Debrief(row.getLong(1), new RoomId(row.getString(2)), actionId, row.getString(4),
                Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)),
                Debrief.State.valueOf(row.getString(7)), row.getInt(8) == 1, new UserId(row.getString(9)),
                Instant.ofEpochMilli(row.getLong(10)), instant(row, 11), instant(row, 12));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
