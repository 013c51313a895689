package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.UserId;

/**
 * Skill tags in {@code debrief_skills} and where people are in the three questions asked in turn
 * ({@code debrief_progress}, a number). Never a sentence anybody wrote (P1): callers pass normalised tags only.
 * Retention and {@code !forget me} delete these rows through {@link SqliteDebriefStore}.
 */
final class SqliteSkillStore {
    enum Kind { USED, WISHED }

    /** Someone used or wished a skill at a debrief. */
    record Tag(UserId person, String tag, Kind kind) {
    }

    /** A person's place in a debrief's questions: the number of the next one, 4 when all were answered. */
    record Progress(long debriefId, int next) {
    }

    private final Sql sql;

    SqliteSkillStore(Database db) {
        this.sql = new Sql(db);
    }

    /** Stores a tag; false when the person had it already (nothing changed). */
    boolean add(long debriefId, UserId person, String tag, Kind kind, Instant at) {
        return sql.update("INSERT OR IGNORE INTO debrief_skills(debrief_id, user_id, tag, kind, at) VALUES (?, ?, ?, ?, "
                + "?)", debriefId, person.value(), tag, kind.name(), at.toEpochMilli()) == 1;
    }

    /** The debrief's tags, in the order they were given. */
    List<Tag> tags(long debriefId) {
        return sql.list("SELECT user_id, tag, kind FROM debrief_skills WHERE debrief_id = ? ORDER BY at, rowid",
                row -> new Tag(new UserId(row.getString(1)), row.getString(2), Kind.valueOf(row.getString(3))),
                debriefId);
    }

    /** Debriefs held (their card posted) since {@code since}, in any room, the latest first. */
    List<Long> heldSince(Instant since) {
        return sql.list("SELECT id FROM debriefs WHERE state = 'HELD' AND starts_at >= ? ORDER BY starts_at DESC, id "
                + "DESC", row -> row.getLong(1), since.toEpochMilli());
    }

    void progress(long debriefId, UserId person, int next, Instant at) {
        sql.update("INSERT OR REPLACE INTO debrief_progress(debrief_id, user_id, next, at) VALUES (?, ?, ?, ?)",
                debriefId, person.value(), next, at.toEpochMilli());
    }

    /** The questions the person is answering now: the latest they started and have not finished. */
    Optional<Progress> answering(UserId person, int questions) {
        return sql.one("SELECT debrief_id, next FROM debrief_progress WHERE user_id = ? AND next <= ? ORDER BY at DESC",
                row -> new Progress(row.getLong(1), row.getInt(2)), person.value(), questions);
    }
}
