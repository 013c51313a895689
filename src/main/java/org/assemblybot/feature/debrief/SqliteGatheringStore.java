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

/** Skill shares and care gatherings in {@code debrief_gatherings}, their invitees in {@code debrief_invitees}. */
final class SqliteGatheringStore {
    private static final String COLUMNS = "id, debrief_id, room_id, kind, topic, starts_at, state, created_by, created_at";

    private final Database db;
    private final Sql sql;

    SqliteGatheringStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    Gathering create(Gathering g) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO debrief_gatherings(debrief_id, room_id, kind, topic, starts_at, state, created_by, "
                            + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", g.debriefId(), g.room().value(),
                    g.kind().name(), g.topic(), g.startsAt().toEpochMilli(), g.state().name(), g.createdBy().value(),
                    g.createdAt().toEpochMilli());
            return g.withId(sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow());
        });
    }

    Optional<Gathering> gathering(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM debrief_gatherings WHERE id = ?", SqliteGatheringStore::gathering,
                id);
    }

    void setState(long id, Gathering.State state) {
        sql.update("UPDATE debrief_gatherings SET state = ? WHERE id = ?", state.name(), id);
    }

    /** The room's planned gatherings of a kind, the soonest first. */
    List<Gathering> planned(RoomId room, Gathering.Kind kind) {
        return sql.list("SELECT " + COLUMNS + " FROM debrief_gatherings WHERE room_id = ? AND kind = ? AND state = "
                + "'PLANNED' ORDER BY starts_at, id", SqliteGatheringStore::gathering, room.value(), kind.name());
    }

    /** Invites someone to a skill share, as learner or teacher; false when they were invited already. */
    boolean invite(long gatheringId, UserId person, String part) {
        return sql.update("INSERT OR IGNORE INTO debrief_invitees(gathering_id, user_id, part) VALUES (?, ?, ?)",
                gatheringId, person.value(), part) == 1;
    }

    /** Who is invited, with their part (LEARNS or TEACHES), in the order they were invited. */
    List<String[]> invitees(long gatheringId) {
        return sql.list("SELECT user_id, part FROM debrief_invitees WHERE gathering_id = ? ORDER BY rowid",
                row -> new String[] {row.getString(1), row.getString(2)}, gatheringId);
    }

    private static Gathering gathering(ResultSet row) throws SQLException {
        long debrief = row.getLong(2);
        Long debriefId = row.wasNull() ? null : debrief;
        return new Gathering(row.getLong(1), debriefId, new RoomId(row.getString(3)),
                Gathering.Kind.valueOf(row.getString(4)), row.getString(5), Instant.ofEpochMilli(row.getLong(6)),
                Gathering.State.valueOf(row.getString(7)), new UserId(row.getString(8)),
                Instant.ofEpochMilli(row.getLong(9)));
    }
}
