package org.assemblybot.feature.rotation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** {@link RotationStore} in the {@code rotation_*} tables. */
public final class SqliteRotationStore implements RotationStore {
    private static final String ROLE_COLUMNS = "id, room_id, name, term, seats, shadow, max_terms, checklist, "
            + "created_by, created_at";
    private static final String TERM_COLUMNS = "id, role_id, seat, holder, starts_at, ends_at, state, asked_at, reason";

    private final Database db;
    private final Sql sql;
    private final SqlitePartnerStore partners;

    public SqliteRotationStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
        this.partners = new SqlitePartnerStore(db);
    }

    @Override
    public PartnerStore partners() {
        return partners;
    }

    @Override
    public Role create(Role draft) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO rotation_roles(room_id, name, name_key, term, seats, shadow, max_terms, checklist, "
                            + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    draft.room().value(), draft.name(), draft.key(), draft.term().stored(), draft.seats(),
                    draft.shadow().stored(), draft.maxTerms(), String.join("\n", draft.checklist()),
                    draft.createdBy().value(), draft.createdAt().toEpochMilli());
            return draft.withId(sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow());
        });
    }

    @Override
    public void update(Role role) {
        sql.update("UPDATE rotation_roles SET name = ?, name_key = ?, term = ?, seats = ?, shadow = ?, max_terms = ?, "
                        + "checklist = ? WHERE id = ?", role.name(), role.key(), role.term().stored(), role.seats(),
                role.shadow().stored(), role.maxTerms(), String.join("\n", role.checklist()), role.id());
    }

    @Override
    public void delete(long roleId) {
        db.run(() -> {
            for (String table : List.of("rotation_pool", "rotation_terms", "rotation_history", "rotation_partners")) {
                sql.update("DELETE FROM " + table + " WHERE role_id = ?", roleId);
            }
            sql.update("DELETE FROM rotation_roles WHERE id = ?", roleId);
            sql.update("DELETE FROM rotation_warnings WHERE subject = ?", RotationWarnings.roleSubject(roleId));
        });
    }

    @Override
    public Optional<Role> role(long roleId) {
        return sql.one("SELECT " + ROLE_COLUMNS + " FROM rotation_roles WHERE id = ?", SqliteRotationStore::role, roleId);
    }

    @Override
    public Optional<Role> role(RoomId room, String name) {
        return sql.one("SELECT " + ROLE_COLUMNS + " FROM rotation_roles WHERE room_id = ? AND name_key = ?",
                SqliteRotationStore::role, room.value(), Role.nameKey(name));
    }

    @Override
    public List<Role> roles(RoomId room) {
        return sql.list("SELECT " + ROLE_COLUMNS + " FROM rotation_roles WHERE room_id = ? ORDER BY id",
                SqliteRotationStore::role, room.value());
    }

    @Override
    public List<RoomId> rooms() {
        return sql.list("SELECT DISTINCT room_id FROM rotation_roles ORDER BY room_id",
                row -> new RoomId(row.getString(1)));
    }

    @Override
    public boolean volunteer(long roleId, UserId user, Instant at) {
        return sql.update("INSERT OR IGNORE INTO rotation_pool(role_id, user_id, volunteered) VALUES (?, ?, ?)",
                roleId, user.value(), at.toEpochMilli()) == 1;
    }

    @Override
    public boolean withdraw(long roleId, UserId user) {
        return sql.update("DELETE FROM rotation_pool WHERE role_id = ? AND user_id = ?", roleId, user.value()) == 1;
    }

    @Override
    public List<Volunteer> pool(long roleId) {
        return sql.list("SELECT user_id, volunteered, seq FROM rotation_pool WHERE role_id = ? ORDER BY seq",
                row -> new Volunteer(new UserId(row.getString(1)), Instant.ofEpochMilli(row.getLong(2)), row.getLong(3)),
                roleId);
    }

    @Override
    public void setAway(RoomId room, Away away) {
        sql.update("INSERT OR REPLACE INTO rotation_away(room_id, user_id, since, until, reason) VALUES (?, ?, ?, ?, ?)",
                room.value(), away.user().value(), away.since().toEpochMilli(), away.until().toEpochMilli(),
                away.reason());
    }

    @Override
    public boolean back(RoomId room, UserId user) {
        return sql.update("DELETE FROM rotation_away WHERE room_id = ? AND user_id = ?", room.value(), user.value()) == 1;
    }

    @Override
    public List<Away> away(RoomId room) {
        return sql.list("SELECT user_id, since, until, reason FROM rotation_away WHERE room_id = ? ORDER BY user_id",
                row -> new Away(new UserId(row.getString(1)), Instant.ofEpochMilli(row.getLong(2)),
                        Instant.ofEpochMilli(row.getLong(3)), row.getString(4)), room.value());
    }

    @Override
    public Term addTerm(Term draft) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO rotation_terms(role_id, seat, holder, starts_at, ends_at, state, asked_at, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", draft.roleId(), draft.seat(), draft.holder().value(),
                    draft.from().toEpochMilli(), draft.to().toEpochMilli(), draft.state().name(),
                    draft.askedAt() == null ? null : draft.askedAt().toEpochMilli(), draft.reason());
            long id = sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
            return new Term(id, draft.roleId(), draft.seat(), draft.holder(), draft.from(), draft.to(), draft.state(),
                    draft.askedAt(), draft.reason());
        });
    }

    @Override
    public boolean changeTerm(long termId, Term.State from, Term.State to, Instant at, String reason) {
        return sql.update("UPDATE rotation_terms SET state = ?, answered_at = ?, reason = ? WHERE id = ? AND state = ?",
                to.name(), at.toEpochMilli(), reason, termId, from.name()) == 1;
    }

    @Override
    public void retime(long roleId, Instant from, Instant newFrom, Instant newTo) {
        sql.update("UPDATE rotation_terms SET starts_at = ?, ends_at = ? WHERE role_id = ? AND starts_at = ?",
                newFrom.toEpochMilli(), newTo.toEpochMilli(), roleId, from.toEpochMilli());
    }

    @Override
    public List<Term> terms(long roleId) {
        return sql.list("SELECT " + TERM_COLUMNS + " FROM rotation_terms WHERE role_id = ? ORDER BY starts_at, seat, id",
                SqliteRotationStore::term, roleId);
    }

    @Override
    public void record(long roleId, RoleOverride entry) {
        sql.update("INSERT INTO rotation_history(role_id, at, kind, actor, subject, other, reason) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", roleId, entry.at().toEpochMilli(), entry.kind().name(),
                entry.actor().value(), value(entry.subject()), value(entry.other()), entry.reason());
    }

    @Override
    public List<RoleOverride> overrides(long roleId) {
        return sql.list("SELECT at, kind, actor, subject, other, reason FROM rotation_history WHERE role_id = ? "
                + "ORDER BY at, id", row -> new RoleOverride(Instant.ofEpochMilli(row.getLong(1)),
                RoleOverride.Kind.valueOf(row.getString(2)), new UserId(row.getString(3)), user(row.getString(4)),
                user(row.getString(5)), row.getString(6)), roleId);
    }

    @Override
    public void deleteRoom(RoomId room) {
        db.run(() -> {
            roles(room).forEach(role -> delete(role.id()));
            sql.update("DELETE FROM rotation_away WHERE room_id = ?", room.value());
            sql.update("DELETE FROM rotation_warnings WHERE room_id = ?", room.value());
        });
    }

    @Override
    public Map<RotationWarnings.Key, RotationWarnings.Stored> warnings(RoomId room) {
        return sql.list("SELECT subject, kind, state, warned, told FROM rotation_warnings WHERE room_id = ?",
                row -> Map.entry(new RotationWarnings.Key(row.getString(1), RotationWarnings.Kind.valueOf(
                        row.getString(2))), new RotationWarnings.Stored(row.getString(3), row.getInt(4) == 1,
                        row.getInt(5))),
                room.value()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public void setWarning(RoomId room, RotationWarnings.Key key, RotationWarnings.Stored state, Instant at) {
        sql.update("INSERT OR REPLACE INTO rotation_warnings(room_id, subject, kind, state, warned, told, at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", room.value(), key.subject(), key.kind().name(), state.state(),
                state.warned() ? 1 : 0, state.told(), at.toEpochMilli());
    }

    private static Role role(ResultSet row) throws SQLException {
        int maxTerms = row.getInt(7);
        Integer max = row.wasNull() ? null : maxTerms;
        String checklist = row.getString(8);
        TermLength term = TermLength.parse(row.getString(4));
        return new Role(row.getLong(1), new RoomId(row.getString(2)), row.getString(3), term, row.getInt(5),
                Shadow.parse(row.getString(6)), max,
                checklist.isEmpty() ? List.of() : Arrays.asList(checklist.split("\n")), new UserId(row.getString(9)),
                Instant.ofEpochMilli(row.getLong(10)));
    }

    private static Term term(ResultSet row) throws SQLException {
        long asked = row.getLong(8);
        Instant askedAt = row.wasNull() ? null : Instant.ofEpochMilli(asked);
        return new Term(row.getLong(1), row.getLong(2), row.getInt(3), new UserId(row.getString(4)),
                Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)),
                Term.State.valueOf(row.getString(7)), askedAt, row.getString(9));
    }

    private static String value(UserId user) {
        return user == null ? null : user.value();
    }

    private static UserId user(String value) {
        return value == null ? null : new UserId(value);
    }
}
