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

/**
 * Micro-roles in {@code debrief_roles} and who holds, waits for or shadows them in {@code debrief_signups} (V15).
 * Retention and {@code !forget me} delete signups in {@link SqliteDebriefStore}; called in the caller's transaction.
 */
final class SqliteMicroRoleStore {
    private static final String ROLE_COLUMNS = "id, debrief_id, name, name_key, slots, days, created_by, created_at";
    private static final String SIGNUP_COLUMNS = "s.id, s.role_id, s.user_id, s.kind, s.state, s.since, s.starts_at, "
            + "s.ends_at, s.renewals, s.newcomer, s.ended_at";
    /** Active signups, waiting places in signup order. */
    private static final String ACTIVE_ORDER = " AND s.state = 'ACTIVE' ORDER BY s.since, s.id";

    private final Database db;
    private final Sql sql;

    SqliteMicroRoleStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    MicroRole create(MicroRole r) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO debrief_roles(debrief_id, name, name_key, slots, days, created_by, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", r.debriefId(), r.name(), r.nameKey(), r.slots(), r.days(),
                    r.createdBy().value(), r.createdAt().toEpochMilli());
            return r.withId(lastId());
        });
    }

    Optional<MicroRole> role(long id) {
        return sql.one("SELECT " + ROLE_COLUMNS + " FROM debrief_roles WHERE id = ?", SqliteMicroRoleStore::role, id);
    }

    /** A debrief's roles in the order they were offered. */
    List<MicroRole> roles(long debriefId) {
        return sql.list("SELECT " + ROLE_COLUMNS + " FROM debrief_roles WHERE debrief_id = ? ORDER BY id",
                SqliteMicroRoleStore::role, debriefId);
    }

    Signup add(Signup s) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO debrief_signups(role_id, user_id, kind, state, since, starts_at, ends_at, renewals, "
                            + "newcomer, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.roleId(), s.user().value(),
                    s.kind().name(), s.state().name(), s.since().toEpochMilli(), millis(s.startsAt()),
                    millis(s.endsAt()), s.renewals(), s.newcomer() ? 1 : 0, millis(s.endedAt()));
            return s.withId(lastId());
        });
    }

    void save(Signup s) {
        sql.update("UPDATE debrief_signups SET kind = ?, state = ?, starts_at = ?, ends_at = ?, renewals = ?, "
                        + "newcomer = ?, ended_at = ? WHERE id = ?", s.kind().name(), s.state().name(),
                millis(s.startsAt()), millis(s.endsAt()), s.renewals(), s.newcomer() ? 1 : 0, millis(s.endedAt()),
                s.id());
    }

    Optional<Signup> signup(long id) {
        return sql.one("SELECT " + SIGNUP_COLUMNS + " FROM debrief_signups s WHERE s.id = ?",
                SqliteMicroRoleStore::signup, id);
    }

    /** A role's active signups: holders, shadows and the waiting list, each in signup order. */
    List<Signup> active(long roleId) {
        return sql.list("SELECT " + SIGNUP_COLUMNS + " FROM debrief_signups s WHERE s.role_id = ?" + ACTIVE_ORDER,
                SqliteMicroRoleStore::signup, roleId);
    }

    /** Someone's active signups in every debrief of the room. */
    List<Signup> activeOf(RoomId room, UserId person) {
        return sql.list("SELECT " + SIGNUP_COLUMNS + " FROM debrief_signups s JOIN debrief_roles r ON r.id = s.role_id "
                + "JOIN debriefs d ON d.id = r.debrief_id WHERE d.room_id = ? AND s.user_id = ?" + ACTIVE_ORDER,
                SqliteMicroRoleStore::signup, room.value(), person.value());
    }

    /** Whether the person held a micro-role in this room before (kept until retention deletes it). */
    boolean heldBefore(RoomId room, UserId person, long exceptSignup) {
        return sql.one("SELECT 1 FROM debrief_signups s JOIN debrief_roles r ON r.id = s.role_id JOIN debriefs d ON "
                + "d.id = r.debrief_id WHERE d.room_id = ? AND s.user_id = ? AND s.kind = 'HOLDER' AND s.id <> ?",
                row -> true, room.value(), person.value(), exceptSignup).isPresent();
    }

    /**
     * When a debrief's terms end: the latest end of an active holder or shadow, or the latest release or drop of
     * an ended one; null when nobody ever held one.
     */
    Instant lastTermEnd(long debriefId) {
        // An aggregate always has a row: -1 stands for "no term at all".
        long last = sql.one("SELECT COALESCE(MAX(CASE WHEN s.state = 'ACTIVE' THEN s.ends_at ELSE s.ended_at END), -1) "
                + "FROM debrief_signups s JOIN debrief_roles r ON r.id = s.role_id WHERE r.debrief_id = ? AND s.kind <> "
                + "'WAITING'", row -> row.getLong(1), debriefId).orElseThrow();
        return last < 0 ? null : Instant.ofEpochMilli(last);
    }

    /** Active holders and shadows of a debrief whose term is over at {@code now}. */
    List<Signup> endedBy(long debriefId, Instant now) {
        return sql.list("SELECT " + SIGNUP_COLUMNS + " FROM debrief_signups s JOIN debrief_roles r ON r.id = s.role_id "
                + "WHERE r.debrief_id = ? AND s.kind <> 'WAITING' AND s.ends_at <= ?" + ACTIVE_ORDER,
                SqliteMicroRoleStore::signup, debriefId, now.toEpochMilli());
    }

    /** The summary of a debrief's terms: distinct holders, terms held (renewals count), newcomers among them. */
    Tally tally(long debriefId) {
        return sql.one("SELECT COUNT(DISTINCT s.user_id), COUNT(*) + COALESCE(SUM(s.renewals), 0), COUNT(DISTINCT "
                + "CASE WHEN s.newcomer = 1 THEN s.user_id END), COUNT(DISTINCT s.role_id) FROM debrief_signups s JOIN "
                + "debrief_roles r ON r.id = s.role_id WHERE r.debrief_id = ? AND s.kind = 'HOLDER'",
                row -> new Tally(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4)),
                debriefId).orElseThrow();
    }

    /** What the summary says: how many people held how many terms of how many roles, how many were new. */
    record Tally(int people, int terms, int newcomers, int roles) {
    }

    private long lastId() {
        return sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
    }

    private static MicroRole role(ResultSet row) throws SQLException {
        return new MicroRole(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getInt(6), new UserId(row.getString(7)), Instant.ofEpochMilli(row.getLong(8)));
    }

    private static Signup signup(ResultSet row) throws SQLException {
        return new Signup(row.getLong(1), row.getLong(2), new UserId(row.getString(3)),
                Signup.Kind.valueOf(row.getString(4)), Signup.State.valueOf(row.getString(5)),
                Instant.ofEpochMilli(row.getLong(6)), instant(row, 7), instant(row, 8), row.getInt(9),
                row.getInt(10) == 1, instant(row, 11));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
