package org.assemblybot.adapter.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.Recurrence;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduleStore;

/**
 * {@link ScheduleStore} in the {@code schedule_items} and {@code schedule_runs} tables. A recurrence is
 * stored as {@link Recurrence#encode()} and read back with the decoder given to the constructor (in
 * production {@code Recurrences::parse}), so this store does not depend on the recurrence rules.
 */
public final class SqliteScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "id, feature, kind, ref, room_id, fire_at, recurrence, misfire, grace_ms, state";
    private static final Set<String> MISS_OUTCOMES = Set.of("missed", "skipped");

    private final Sql sql;
    private final Function<String, Recurrence> decoder;
    private final Clock clock;

    /**
     * @param decoder turns {@link Recurrence#encode()} text back into the recurrence
     * @param clock   stamps {@code ran_at} of each recorded run
     */
    public SqliteScheduleStore(Database db, Function<String, Recurrence> decoder, Clock clock) {
        this.sql = new Sql(db);
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(ScheduleItem item) {
        sql.update("INSERT INTO schedule_items(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT(id) DO UPDATE SET feature = excluded.feature, kind = excluded.kind,"
                        + " ref = excluded.ref, room_id = excluded.room_id, fire_at = excluded.fire_at,"
                        + " recurrence = excluded.recurrence, misfire = excluded.misfire,"
                        + " grace_ms = excluded.grace_ms, state = excluded.state",
                item.id(), item.feature(), item.kind(), item.ref(),
                item.room() == null ? null : item.room().value(),
                item.fireAt().toEpochMilli(),
                item.recurrence() == null ? null : item.recurrence().encode(),
                item.misfire().name(), item.grace().toMillis(), item.state().name());
    }

    @Override
    public Optional<ScheduleItem> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM schedule_items WHERE id = ?", this::item, id);
    }

    @Override
    public List<ScheduleItem> scheduled() {
        return sql.list("SELECT " + COLUMNS + " FROM schedule_items WHERE state = ? ORDER BY fire_at, id",
                this::item, ScheduleItem.State.SCHEDULED.name());
    }

    @Override
    public List<ScheduleItem> byRef(String feature, String ref) {
        return sql.list("SELECT " + COLUMNS + " FROM schedule_items WHERE feature = ? AND ref = ? ORDER BY fire_at, id",
                this::item, feature, ref);
    }

    @Override
    public boolean markOccurrence(String itemId, Instant occurrence) {
        return record(itemId, occurrence, "ran");
    }

    @Override
    public boolean recordMiss(String itemId, Instant occurrence, String outcome) {
        if (!MISS_OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + MISS_OUTCOMES + ", not '" + outcome + "'");
        }
        return record(itemId, occurrence, outcome);
    }

    private boolean record(String itemId, Instant occurrence, String outcome) {
        // OR IGNORE: an occurrence that already has a record (ran, missed or skipped) is not recorded again.
        return sql.update("INSERT OR IGNORE INTO schedule_runs(item_id, occurrence, ran_at, outcome) VALUES (?, ?, ?, ?)",
                itemId, occurrence.toEpochMilli(), clock.instant().toEpochMilli(), outcome) == 1;
    }

    private ScheduleItem item(ResultSet row) throws SQLException {
        String id = row.getString(1);
        String roomId = row.getString(5);
        String encoded = row.getString(7);
        return new ScheduleItem(id, row.getString(2), row.getString(3), row.getString(4),
                roomId == null ? null : new RoomId(roomId),
                Instant.ofEpochMilli(row.getLong(6)),
                encoded == null ? null : decode(id, encoded),
                MisfirePolicy.valueOf(row.getString(8)),
                Duration.ofMillis(row.getLong(9)),
                ScheduleItem.State.valueOf(row.getString(10)));
    }

    private Recurrence decode(String id, String encoded) {
        try {
            return Objects.requireNonNull(decoder.apply(encoded), "decoder returned null");
        } catch (RuntimeException e) {
            // Names the item, not the rule text: fail loudly rather than drop the item (T2).
            throw new StorageException("cannot read the recurrence of schedule item " + id, e);
        }
    }
}
