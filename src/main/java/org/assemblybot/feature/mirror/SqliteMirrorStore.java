package org.assemblybot.feature.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** {@link MirrorStore} in {@code mirror_rooms} and {@code mirror_spotlights} (migration V14). */
public final class SqliteMirrorStore implements MirrorStore {
    private static final String COLUMNS = "id, room_id, assembly_at, state, researcher, briefed_at, reminded_at, "
            + "called_at, country, struggle, links, echo, set_by, set_at, file, posted_at";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sql sql;

    public SqliteMirrorStore(Database db) {
        this.sql = new Sql(db);
    }

    @Override
    public Optional<MirrorRoom> room(RoomId room) {
        return sql.one("SELECT room_id, lead_minutes, avoid_repeat, share_rooms, enabled_by, enabled_at FROM "
                + "mirror_rooms WHERE room_id = ?", row -> new MirrorRoom(new RoomId(row.getString(1)),
                Duration.ofMinutes(row.getLong(2)), row.getInt(3), lines(row.getString(4)).stream().map(RoomId::new)
                .toList(), new UserId(row.getString(5)), Instant.ofEpochMilli(row.getLong(6))), room.value());
    }

    @Override
    public void saveRoom(MirrorRoom settings) {
        sql.update("INSERT OR REPLACE INTO mirror_rooms(room_id, lead_minutes, avoid_repeat, share_rooms, enabled_by, "
                        + "enabled_at) VALUES (?, ?, ?, ?, ?, ?)", settings.room().value(), settings.lead().toMinutes(),
                settings.avoidRepeat(), String.join("\n", settings.shareRooms().stream().map(RoomId::value).toList()),
                settings.enabledBy().value(), settings.enabledAt().toEpochMilli());
    }

    @Override
    public void deleteRoom(RoomId room) {
        sql.update("DELETE FROM mirror_rooms WHERE room_id = ?", room.value());
    }

    @Override
    public Optional<Spotlight> open(RoomId room) {
        return sql.one("SELECT " + COLUMNS + " FROM mirror_spotlights WHERE room_id = ? AND state = 'OPEN'",
                SqliteMirrorStore::spotlight, room.value());
    }

    @Override
    public Spotlight create(Spotlight draft) {
        sql.update("INSERT INTO mirror_spotlights(room_id, assembly_at, state) VALUES (?, ?, ?)", draft.room().value(),
                draft.assemblyAt().toEpochMilli(), draft.state().name());
        Spotlight stored = draft.withId(sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow());
        save(stored);
        return stored;
    }

    @Override
    public void save(Spotlight s) {
        Spotlight.Content c = s.content();
        sql.update("UPDATE mirror_spotlights SET assembly_at = ?, state = ?, researcher = ?, briefed_at = ?, "
                        + "reminded_at = ?, called_at = ?, country = ?, struggle = ?, links = ?, echo = ?, set_by = ?, "
                        + "set_at = ?, file = ?, posted_at = ? WHERE id = ?",
                s.assemblyAt().toEpochMilli(), s.state().name(), user(s.researcher()), millis(s.briefedAt()),
                millis(s.remindedAt()), millis(s.calledAt()), c == null ? null : c.country(),
                c == null ? null : c.struggle(), c == null ? null : String.join("\n", c.links()),
                c == null ? null : c.echo(), c == null ? null : c.setBy().value(), c == null ? null : millis(c.setAt()),
                file(s.file()), millis(s.postedAt()), s.id());
    }

    @Override
    public void delete(long id) {
        sql.update("DELETE FROM mirror_spotlights WHERE id = ?", id);
    }

    @Override
    public List<Spotlight> allOpen() {
        return sql.list("SELECT " + COLUMNS + " FROM mirror_spotlights WHERE state = 'OPEN' ORDER BY assembly_at, id",
                SqliteMirrorStore::spotlight);
    }

    @Override
    public List<Spotlight> closed(RoomId room, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM mirror_spotlights WHERE room_id = ? AND state <> 'OPEN' "
                + "ORDER BY assembly_at DESC, id DESC LIMIT ?", SqliteMirrorStore::spotlight, room.value(), limit);
    }

    @Override
    public boolean closedAt(RoomId room, Instant start) {
        return sql.one("SELECT 1 FROM mirror_spotlights WHERE room_id = ? AND assembly_at = ? AND state <> 'OPEN'",
                row -> true, room.value(), start.toEpochMilli()).isPresent();
    }

    @Override
    public int closedCount(RoomId room) {
        return sql.one("SELECT COUNT(*) FROM mirror_spotlights WHERE room_id = ? AND state <> 'OPEN'",
                row -> row.getInt(1), room.value()).orElse(0);
    }

    @Override
    public void forgetRoom(RoomId room) {
        sql.update("DELETE FROM mirror_spotlights WHERE room_id = ?", room.value());
        deleteRoom(room);
    }

    private static Spotlight spotlight(ResultSet row) throws SQLException {
        String country = row.getString(9);
        Spotlight.Content content = country == null ? null : new Spotlight.Content(country, row.getString(10),
                lines(row.getString(11)), row.getString(12), new UserId(row.getString(13)),
                Instant.ofEpochMilli(row.getLong(14)));
        return new Spotlight(row.getLong(1), new RoomId(row.getString(2)), Instant.ofEpochMilli(row.getLong(3)),
                Spotlight.State.valueOf(row.getString(4)), userOrNull(row.getString(5)), instant(row, 6),
                instant(row, 7), instant(row, 8), content, file(row.getString(15)), instant(row, 16));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static String user(UserId user) {
        return user == null ? null : user.value();
    }

    private static UserId userOrNull(String value) {
        return value == null ? null : new UserId(value);
    }

    /** The file as stored: its fields as JSON (the media reference holds a key; the column is cleared on posting). */
    private record StoredFile(String event, String msgtype, String fileName, String mimeType, Long size, String media) {
    }

    private static String file(MirrorFile file) {
        if (file == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new StoredFile(file.event().value(), file.msgtype(), file.fileName(),
                    file.mimeType(), file.size(), file.media()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not store a file reference", e);
        }
    }

    private static MirrorFile file(String json) {
        if (json == null) {
            return null;
        }
        try {
            StoredFile f = JSON.readValue(json, StoredFile.class);
            return new MirrorFile(new EventId(f.event()), f.msgtype(), f.fileName(), f.mimeType(), f.size(), f.media());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored file reference could not be read", e);
        }
    }
}
