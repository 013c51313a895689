package org.assemblybot.feature.rotation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** {@link PartnerStore} in {@code rotation_partners} and the {@code from_room} column of {@code rotation_pool}. */
final class SqlitePartnerStore implements PartnerStore {
    private static final String COLUMNS = "role_id, room_id, shown_as, state, linked_by, linked_at";

    private final Database db;
    private final Sql sql;

    SqlitePartnerStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    @Override
    public void link(PartnerLink link) {
        sql.update("INSERT OR REPLACE INTO rotation_partners(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                link.roleId(), link.room().value(), link.shownAs(), link.state().name(), link.linkedBy().value(),
                link.linkedAt().toEpochMilli());
    }

    @Override
    public Optional<PartnerLink> link(long roleId) {
        return sql.one("SELECT " + COLUMNS + " FROM rotation_partners WHERE role_id = ?", SqlitePartnerStore::link,
                roleId);
    }

    @Override
    public List<PartnerLink> linksTo(RoomId partner) {
        return sql.list("SELECT " + COLUMNS + " FROM rotation_partners WHERE room_id = ? ORDER BY role_id",
                SqlitePartnerStore::link, partner.value());
    }

    @Override
    public boolean answer(long roleId, PartnerLink.State from, PartnerLink.State to, UserId by, Instant at) {
        return sql.update("UPDATE rotation_partners SET state = ?, answered_by = ?, answered_at = ? "
                + "WHERE role_id = ? AND state = ?", to.name(), by.value(), at.toEpochMilli(), roleId, from.name()) == 1;
    }

    @Override
    public void unlink(long roleId) {
        sql.update("DELETE FROM rotation_partners WHERE role_id = ?", roleId);
    }

    @Override
    public boolean volunteer(long roleId, UserId user, Instant at, RoomId from) {
        return sql.update("INSERT OR IGNORE INTO rotation_pool(role_id, user_id, volunteered, from_room) "
                + "VALUES (?, ?, ?, ?)", roleId, user.value(), at.toEpochMilli(), from.value()) == 1;
    }

    @Override
    public List<UserId> partnerPeople(long roleId) {
        return sql.list("SELECT user_id FROM rotation_pool WHERE role_id = ? AND from_room IS NOT NULL ORDER BY seq",
                row -> new UserId(row.getString(1)), roleId);
    }

    @Override
    public List<UserId> removePartnerPeople(long roleId) {
        return db.inTransaction(() -> {
            List<UserId> people = partnerPeople(roleId);
            sql.update("DELETE FROM rotation_pool WHERE role_id = ? AND from_room IS NOT NULL", roleId);
            return people;
        });
    }

    private static PartnerLink link(ResultSet row) throws SQLException {
        return new PartnerLink(row.getLong(1), new RoomId(row.getString(2)), row.getString(3),
                PartnerLink.State.valueOf(row.getString(4)), new UserId(row.getString(5)),
                Instant.ofEpochMilli(row.getLong(6)));
    }
}
